"""Forms of the workspace's catalogue pages.

Forms read and check what a person typed; they never save. The services save, and decide every
right and every rule of the data: a form that stands in front of a service skips the model's own
validation (`ServiceForm`), so that each rule has one home and its message comes from there."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyQuerySet, Role
from agencies.rules import roles_for
from catalog import rules
from catalog.models import Business, Certificate, Product, ProductLink
from catalog.models.base import today
from catalog.services.businesses import BUSINESS_FIELDS
from catalog.services.certificates import CERTIFICATE_FIELDS
from catalog.services.images import MAX_IMAGES
from catalog.services.products import PRODUCT_CONTENT_FIELDS
from catalog.uploads import MAX_PIXELS, MAX_UPLOAD_BYTES, SHARP_WIDTH

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


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's recipe): the cleaned value is a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def picture_rules() -> str:
    """The rules of catalog.uploads, said before a person chooses a file."""
    return _(
        "JPEG, PNG or WebP, at most %(mb)s MB and %(mp)s megapixels each; at least "
        "%(wide)s px wide looks sharp on phones. You may choose several at once (a product "
        "has at most %(most)s pictures): if one is refused, none is added."
    ) % {
        "mb": MAX_UPLOAD_BYTES // 2**20,
        "mp": MAX_PIXELS // 1_000_000,
        "wide": SHARP_WIDTH,
        "most": MAX_IMAGES,
    }


class ImageForm(AccessibleForm):
    default_auto_id = "id_picture_%s"
    image = MultipleFileField(
        label=_("Pictures"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=180,
        help_text=_(
            "What the pictures show, for people who cannot see them. With several, each gets "
            "this text and its number."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = picture_rules()


class CertificateForm(ServiceForm):
    """A certificate's fields; the service checks the dates and records who verified it."""

    default_auto_id = "id_certificate_%s"
    verified = forms.BooleanField(
        label=_("Verified by our agency"),
        required=False,
        help_text=_("Tick when your agency has seen the original certificate."),
    )

    scan = forms.FileField(
        label=_("Scan of the certificate"),
        required=False,
        help_text=_(
            "Optional: a PDF, or a JPEG or PNG photo, at most 8 MB. Only staff see it; the "
            "public page shows the kind, number and dates."
        ),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf,image/jpeg,image/png"}),
    )
    remove_scan = forms.BooleanField(label=_("Remove the scan"), required=False)

    class Meta:
        model = Certificate
        fields = list(CERTIFICATE_FIELDS)
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def __init__(self, *args: Any, verifier: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser's date picker offers no day after today (the model refuses them too).
        self.fields["issued_on"].widget.attrs["max"] = today().isoformat()
        if not self.instance.scan:
            del self.fields["remove_scan"]
        verified = self.fields["verified"]
        verified.initial = self.instance.is_verified
        if self.instance.is_verified:
            verified.label = _("Verified by %(agency)s") % {"agency": self.instance.verified_by}
        elif verifier is not None:
            verified.label = _("Verified by our agency (%(agency)s)") % {"agency": verifier}

    def service_data(self) -> dict[str, Any]:
        """The cleaned data as the certificate services take it: `scan` a new file, False to
        remove the scan, None to keep it."""
        data = dict(self.cleaned_data)
        scan = data.pop("scan", None)
        if data.pop("remove_scan", False) and not scan:
            scan = False
        return {**data, "scan": scan}


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


class AgencyRoleMixin:
    """The role's menu offers only the roles the agency may have (`agencies.rules.roles_for`:
    no reviewer outside a leading sector). The field still takes any role, so that a role the
    agency may not have is refused by the service, with its reason, on this field."""

    fields: dict[str, forms.Field]

    def offer_roles(self, agency: Agency | None) -> None:
        if agency is not None:
            cast("forms.Select", self.fields["role"].widget).choices = roles_for(agency)


class AddMemberForm(AgencyRoleMixin, AccessibleForm):
    default_auto_id = "id_add_%s"
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_roles(agency)

    def clean_username(self) -> "User":
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active account with this username."))
        return user


class RoleForm(AgencyRoleMixin, AccessibleForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_roles(agency)


class InviteStaffForm(AgencyRoleMixin, AccessibleForm):
    default_auto_id = "id_invite_%s"
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_roles(agency)
