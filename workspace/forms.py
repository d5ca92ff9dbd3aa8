"""Forms of the workspace's catalogue pages.

Forms read and check what a person typed; they never save. The services save, and decide every
right and every rule of the data: a form that stands in front of a service skips the model's own
validation (`ServiceForm`), so that each rule has one home and its message comes from there."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyQuerySet, Role
from catalog import rules
from catalog.models import Business, Certificate, Product, ProductLink
from catalog.services.businesses import BUSINESS_FIELDS
from catalog.services.certificates import CERTIFICATE_FIELDS
from catalog.services.products import PRODUCT_CONTENT_FIELDS

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

S = Product.Status
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Look:
    """Labels of required fields carry a class (a visible mark), without a colon; Django 5.2 ties
    errors and help texts to their inputs with aria-describedby and sets aria-invalid."""

    required_css_class = "required"
    error_css_class = "has-error"
    #: Several forms share the product page: each names its inputs' ids apart.
    default_auto_id = "id_%s"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", self.default_auto_id)
        super().__init__(*args, **kwargs)


class AccessibleForm(Look, forms.Form):
    pass


class ServiceForm(Look, forms.ModelForm):
    """A ModelForm for the fields only: the model's validation runs in the service (which also
    knows the rules a model cannot check alone), and the view puts its errors on this form.
    Skipping it here also leaves the instance untouched when the form is invalid."""

    def _post_clean(self) -> None:
        pass


class AgencyChoiceField(forms.ModelChoiceField):
    """The agency a new row belongs to. `fixed` is that agency when the user has no choice: the
    form's template shows its name beside the hidden input."""

    fixed: Agency | None = None


def single_agency(field: AgencyChoiceField, queryset: AgencyQuerySet) -> None:
    """With one choice the agency is fixed: a hidden input (still checked against the choices)."""
    field.queryset = queryset
    choices = list(queryset[:2])
    if len(choices) == 1:
        field.initial = choices[0].pk
        field.widget = forms.HiddenInput()
        field.fixed = choices[0]


class ProductContentForm(ServiceForm):
    """What editors of the owner agency and of accepted co-curators may change."""

    class Meta:
        model = Product
        fields = list(PRODUCT_CONTENT_FIELDS)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "summary_en": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "price_min": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "price_max": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }


class ProductCreateForm(ProductContentForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(S.DRAFT, S.DRAFT.label), (S.PUBLISHED, S.PUBLISHED.label)],
        initial=S.DRAFT,
        widget=forms.RadioSelect,
        help_text=_("A draft is seen only by the curating agencies."),
    )

    class Meta(ProductContentForm.Meta):
        fields = ["business", "owner_agency", *ProductContentForm.Meta.fields, "status"]
        field_classes = {"owner_agency": AgencyChoiceField}

    def __init__(self, *args: Any, user: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        business = cast("forms.ModelChoiceField[Business]", self.fields["business"])
        business.queryset = Business.objects.active()
        business.help_text = _("Active businesses, by region.")
        business.choices = grouped_businesses()
        owner_agency = cast(AgencyChoiceField, self.fields["owner_agency"])
        single_agency(owner_agency, rules.acting_agencies(user))


def grouped_businesses() -> list[tuple[str, str] | tuple[str, list[tuple[int, str]]]]:
    """Every active business, grouped by region: a plain <select> that works without script."""
    groups: dict[str, list[tuple[int, str]]] = {}
    rows = Business.objects.active().select_related("region")
    for business in rows.order_by("region__order", "region__name", "name"):
        groups.setdefault(business.region.name, []).append((business.pk, business.name))
    return [("", "---------"), *groups.items()]


class HandOverForm(AccessibleForm):
    default_auto_id = "id_hand_over_%s"
    agency = forms.ModelChoiceField(label=_("New curating agency"), queryset=Agency.objects.none())

    def __init__(self, *args: Any, user: "User", product: Product, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = rules.acting_agencies(user).exclude(pk=product.owner_agency_id)
        cast("forms.ModelChoiceField[Agency]", self.fields["agency"]).queryset = queryset


class ImageForm(AccessibleForm):
    default_auto_id = "id_picture_%s"
    image = forms.FileField(
        label=_("Picture"),
        help_text=_("JPEG, PNG or WebP, at most 8 MB."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=200,
        help_text=_("What the picture shows, for people who cannot see it."),
    )


class CertificateForm(ServiceForm):
    """A certificate's fields; the service checks the dates and records who verified it."""

    default_auto_id = "id_certificate_%s"
    verified = forms.BooleanField(
        label=_("Verified by our agency"),
        required=False,
        help_text=_("Tick when your agency has seen the original certificate."),
    )

    class Meta:
        model = Certificate
        fields = list(CERTIFICATE_FIELDS)
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def __init__(self, *args: Any, verifier: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        verified = self.fields["verified"]
        verified.initial = self.instance.is_verified
        if self.instance.is_verified:
            verified.label = _("Verified by %(agency)s") % {"agency": self.instance.verified_by}
        elif verifier is not None:
            verified.label = _("Verified by our agency (%(agency)s)") % {"agency": verifier}


class LinkForm(ServiceForm):
    default_auto_id = "id_link_%s"

    class Meta:
        model = ProductLink
        fields = ["kind", "url"]
        widgets = {"url": forms.URLInput(attrs={"inputmode": "url"})}


class InviteForm(AccessibleForm):
    default_auto_id = "id_invite_%s"
    agency = forms.ModelChoiceField(label=_("Agency to invite"), queryset=Agency.objects.none())
    note = forms.CharField(
        label=_("Contribution"),
        max_length=300,
        required=False,
        help_text=_("e.g. pendampingan sertifikasi halal"),
    )

    def __init__(self, *args: Any, product: Product, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = cast("forms.ModelChoiceField[Agency]", self.fields["agency"])
        agency.queryset = Agency.objects.exclude(pk=product.owner_agency_id)


class BusinessForm(ServiceForm):
    class Meta:
        model = Business
        fields = list(BUSINESS_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "whatsapp": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "year_founded": forms.NumberInput(attrs={"min": 1900, "max": 2100}),
        }


class BusinessCreateForm(BusinessForm):
    different_business = forms.BooleanField(
        label=_("This is a different business"),
        required=False,
        help_text=_("Tick only after checking that none of the similar businesses is this one."),
    )

    class Meta(BusinessForm.Meta):
        fields = ["registering_agency", *BUSINESS_FIELDS]
        field_classes = {"registering_agency": AgencyChoiceField}

    def __init__(self, *args: Any, user: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registering_agency = cast(AgencyChoiceField, self.fields["registering_agency"])
        single_agency(registering_agency, rules.acting_agencies(user))


class AddMemberForm(AccessibleForm):
    default_auto_id = "id_add_%s"
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)

    def clean_username(self) -> "User":
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active account with this username."))
        return user


class RoleForm(AccessibleForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class InviteStaffForm(AccessibleForm):
    default_auto_id = "id_invite_%s"
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)
