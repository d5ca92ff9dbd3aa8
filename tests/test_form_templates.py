"""The one field template and the one form-errors template every form of the portal renders with,
the product grid, and how counts are written."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.template.loader import get_template, render_to_string
from django.utils import translation

from catalog.templatetags.portal import capped, rupiah
from tests.factories import ProductFactory

FIELD = "includes/_field.html"
ERRORS = "includes/_form_errors.html"


class ScoreForm(forms.Form):
    """Shaped like the assessment form: a required group of radio buttons whose help text is an
    administrator's criterion description, and a hidden field."""

    required_css_class = "required"

    score = forms.TypedChoiceField(
        label="Bahan baku lokal",
        choices=[(1, "1"), (2, "2"), (3, "3")],
        coerce=int,
        widget=forms.RadioSelect,
        help_text='<img src=x onerror="alert(1)"> & lokal',
    )
    comment = forms.CharField(label="Komentar", required=False, help_text="Singkat saja.")
    verified = forms.BooleanField(label="Sudah diperiksa", required=False, help_text="Centang.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.form_id = "assess"


def field_html(bound_field) -> str:
    return render_to_string(FIELD, {"field": bound_field})


def test_a_radio_group_is_a_fieldset_that_carries_its_help_and_error():
    form = ScoreForm({"score": "9", "version": "1"})
    form.is_valid()

    html = field_html(form["score"])

    fieldset = re.search(r"<fieldset[^>]*>", html).group(0)
    assert 'aria-describedby="id_score_helptext id_score_error"' in fieldset
    assert '<legend class="required">Bahan baku lokal</legend>' in html
    assert 'id="id_score_helptext"' in html and 'id="id_score_error"' in html
    # Each option is a label tied to its own input, every input marked invalid.
    for index in range(3):
        assert f'<label class="choice" for="id_score_{index}">' in html
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert len(radios) == 3 and all('aria-invalid="true"' in tag for tag in radios)


def test_help_typed_by_a_person_is_escaped_but_djangos_safe_help_is_html():
    escaped = field_html(ScoreForm()["score"])
    password = field_html(SetPasswordForm(None)["new_password1"])

    assert "<img" not in escaped and "&lt;img src=x" in escaped and "&amp; lokal" in escaped
    help_text = re.search(
        r'<div class="field__help" id="id_new_password1_helptext">(.*?)</div>', password, re.S
    )
    assert help_text and help_text.group(1).startswith("<ul><li>")


def test_a_single_input_gets_its_label_help_and_error_from_django():
    form = ScoreForm({"comment": "x" * 3, "version": "1"})
    form.add_error("comment", "Terlalu pendek.")

    html = field_html(form["comment"])

    assert '<label for="id_comment">Komentar</label>' in html
    tag = re.search(r"<input[^>]*name=\"comment\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_comment_helptext id_comment_error"' in tag
    assert 'aria-invalid="true"' in tag
    assert html.index("<input") < html.index('id="id_comment_error"')
    assert "form-field--invalid" in html


def test_a_checkbox_comes_before_its_label_and_a_hidden_field_is_only_its_input():
    form = ScoreForm()

    checkbox = field_html(form["verified"])
    hidden = field_html(form["version"]).strip()

    assert checkbox.index('type="checkbox"') < checkbox.index('<label for="id_verified">')
    assert 'aria-describedby="id_verified_helptext"' in checkbox
    assert hidden.startswith('<input type="hidden" name="version"') and "<label" not in hidden


def test_the_error_summary_lists_every_error_and_links_each_field_error_to_its_input():
    form = ScoreForm({"comment": "ok"})  # the score and the hidden version are missing
    form.add_error(None, "Penilaian sudah dikirim.")
    form.add_error("comment", "Terlalu pendek.")

    with translation.override("en"):
        html = render_to_string(ERRORS, {"form": form})

    box = re.search(r"<div[^>]*>", html).group(0)
    for attribute in ('id="assess-errors"', 'role="alert"', 'tabindex="-1"', "data-error-summary"):
        assert attribute in box
    assert "The form has errors: please correct the fields marked below." in html
    assert "<li>Penilaian sudah dikirim.</li>" in html
    # A group of radio buttons is reached through its first option; a hidden field has no
    # place to go to.
    assert '<a href="#id_score_0">Bahan baku lokal: This field is required.</a>' in html
    assert '<a href="#id_comment">Komentar: Terlalu pendek.</a>' in html
    assert "<li>Version: This field is required.</li>" in html


def test_an_error_of_no_field_links_where_the_page_says_and_alone_needs_no_title():
    form = ScoreForm({"score": "1", "version": "1"})
    form.add_error(None, "Nilai semua kriteria dulu.")

    with translation.override("en"):
        linked = render_to_string(ERRORS, {"form": form, "link": "id_assess_score_pasar_0"})
        plain = render_to_string(ERRORS, {"form": form, "errors_id": "add-errors"})

    assert '<a href="#id_assess_score_pasar_0">Nilai semua kriteria dulu.</a>' in linked
    assert 'id="add-errors"' in plain and "<li>Nilai semua kriteria dulu.</li>" in plain
    assert "The form has errors" not in plain


def test_a_valid_or_unbound_form_shows_no_summary_and_inline_shows_only_the_forms_own_errors():
    field_only = ScoreForm({"version": "1"})  # only the score is missing: a field error
    whole = ScoreForm({"score": "1", "version": "1"})
    whole.add_error(None, "Penilaian sudah dikirim.")

    assert render_to_string(ERRORS, {"form": ScoreForm()}).strip() == ""
    assert render_to_string(ERRORS, {"form": field_only, "inline": True}).strip() == ""
    inline = render_to_string(ERRORS, {"form": whole, "inline": True})
    assert 'id="assess-errors"' in inline and "<p>Penilaian sudah dikirim.</p>" in inline
    assert 'role="alert"' not in inline and "data-error-summary" not in inline


def test_every_include_and_extends_names_a_template_that_exists():
    """A page still pointing at a removed partial fails here rather than when someone opens it."""
    root = Path(settings.BASE_DIR) / "templates"
    names = set()
    for path in root.rglob("*.html"):
        names |= set(re.findall(r'{%\s*(?:include|extends)\s+"([^"]+)"', path.read_text()))

    assert "includes/_field.html" in names
    for name in sorted(names):
        get_template(name)


@pytest.mark.django_db
def test_the_product_grid_shows_one_card_per_product():
    products = ProductFactory.create_batch(2)

    html = render_to_string("catalog/_product_grid.html", {"products": products})

    assert html.count('<article class="card">') == 2
    for product in products:
        assert f'href="{product.get_absolute_url()}"' in html


@pytest.mark.parametrize(
    ("language", "below", "at_cap", "beyond"),
    [("id", "1.234", "10.000", "10.000+"), ("en", "1,234", "10,000", "10,000+")],
)
def test_counts_are_grouped_as_the_language_writes_numbers(
    settings, language, below, at_cap, beyond
):
    settings.CATALOG_COUNT_CAP = 10_000

    with translation.override(language):
        assert capped(1234) == below
        assert capped(10_000) == at_cap
        assert capped(10_001) == beyond
        assert capped(999) == "999"
        # Prices are rupiah: the Indonesian separator in both languages.
        assert rupiah(1_234_567) == "Rp\u00a01.234.567"
