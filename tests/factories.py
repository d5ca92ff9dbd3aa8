"""factory-boy factories for the domain. Each makes a valid row with as little as it can."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency, Membership, Role
from catalog import models as m


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("rahasia-123")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"DC{n}")
    slug = factory.Sequence(lambda n: f"dinas-contoh-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.EDITOR


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Region
        django_get_or_create = ["slug"]

    name = "Kabupaten Bangka Barat"
    slug = "bangka-barat"
    seat = "Muntok"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Category
        django_get_or_create = ["slug"]

    name = "Pertanian & Perkebunan"
    slug = "pertanian-perkebunan"


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Business

    name = factory.Sequence(lambda n: f"Usaha Lada Mentok {n}")
    owner_name = "Siti Aminah"
    region = factory.SubFactory(RegionFactory)
    registering_agency = factory.SubFactory(AgencyFactory)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Product

    business = factory.SubFactory(BusinessFactory)
    name = factory.Sequence(lambda n: f"Lada Putih Muntok {n}")
    category = factory.SubFactory(CategoryFactory)
    price_min = 45_000
    price_max = 60_000
    unit = "per 250 g"
    status = m.Product.Status.PUBLISHED
    owner_agency = factory.SubFactory(AgencyFactory)


class CollaborationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Collaboration

    product = factory.SubFactory(ProductFactory)
    agency = factory.SubFactory(AgencyFactory)
    status = m.Collaboration.Status.ACCEPTED
    invited_by = factory.SubFactory(UserFactory)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Certificate

    product = factory.SubFactory(ProductFactory)
    kind = m.Certificate.Kind.HALAL
    number = factory.Sequence(lambda n: f"ID131100000{n:05d}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Criterion
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"kriteria_{n}")
    name = factory.Sequence(lambda n: f"Kriteria {n}")


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Nomination

    product = factory.SubFactory(ProductFactory)
    agency = factory.SelfAttribute("product.owner_agency")
    justification = "Bahan baku lokal dan pasar yang luas."
    created_by = factory.SubFactory(UserFactory)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Assessment

    nomination = factory.SubFactory(NominationFactory)
    reviewer = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory, is_leading_sector=True)


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Designation

    nomination = factory.SubFactory(NominationFactory, state=m.Nomination.State.APPROVED)
    product = factory.SelfAttribute("nomination.product")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))
    decree_number = factory.Sequence(lambda n: f"188.44/{n}/DKUKM/2026")
    approved_by = factory.SubFactory(UserFactory)
    approved_at = factory.LazyFunction(timezone.now)


def jpeg_bytes(width=64, height=48, color=(200, 120, 40)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="JPEG")
    return buffer.getvalue()


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.django.FileField(filename="foto.jpg", data=factory.LazyFunction(jpeg_bytes))
    alt_text = factory.LazyAttribute(lambda image: f"Foto {image.product.name}")


# The development record (support app, DESIGN §8). Stages are seeded by a migration: factories
# look them up by code rather than make new ones.


def stage(code="pelatihan"):
    from support.models import Stage

    return Stage.objects.get(code=code)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Activity"
        skip_postgeneration_save = True

    organiser = factory.SubFactory(AgencyFactory)
    kind = "pelatihan"
    title = factory.Sequence(lambda n: f"Pelatihan pengemasan {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    region = factory.SubFactory(RegionFactory)
    place = "Aula Dinas"

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create:
            self.stages.set(extracted if extracted is not None else [stage("pelatihan")])


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Participation"

    activity = factory.SubFactory(ActivityFactory)
    business = factory.SubFactory(BusinessFactory)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Service"

    business = factory.SubFactory(BusinessFactory)
    agency = factory.SubFactory(AgencyFactory)
    stage = factory.LazyFunction(lambda: stage("pendampingan"))
    kind = "pendampingan"
    provided_on = factory.LazyFunction(timezone.localdate)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Referral"

    business = factory.SubFactory(BusinessFactory)
    from_agency = factory.SubFactory(AgencyFactory)
    to_agency = factory.SubFactory(AgencyFactory)
    stage = factory.LazyFunction(lambda: stage("pemasaran"))
    reason = "Perlu akses pameran"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    status = "sent"
    # Declining and cancelling say why (a database constraint).
    answer_note = factory.LazyAttribute(
        lambda o: "Di luar bidang kami" if o.status == "declined" else ""
    )
    cancel_note = factory.LazyAttribute(
        lambda o: "Sudah ditangani" if o.status == "cancelled" else ""
    )


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Snapshot"

    business = factory.SubFactory(BusinessFactory)
    taken_on = factory.LazyFunction(timezone.localdate)
    turnover = 300_000_000
    capital = 50_000_000


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Milestone"

    business = factory.SubFactory(BusinessFactory)
    kind = "nib"
    stage = factory.LazyFunction(lambda: stage("perizinan"))
    achieved_on = factory.LazyFunction(timezone.localdate)


# Partnerships (DESIGN §8, issue 14).


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Partner"
        django_get_or_create = ["slug"]

    kind = "community"
    name = factory.Sequence(lambda n: f"Mitra Contoh {n}")
    slug = factory.Sequence(lambda n: f"mitra-contoh-{n}")


class PartnerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.PartnerMembership"

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)


class AgreementFactory(factory.django.DjangoModelFactory):
    """A signed PKS-less MoU in force today for another year, led by a new agency; parties are
    added with AgreementPartyFactory (or `signed_between`)."""

    class Meta:
        model = "support.Agreement"
        skip_postgeneration_save = True

    kind = "mou"
    title = factory.Sequence(lambda n: f"Kesepakatan Bersama {n}")
    lead_agency = factory.SubFactory(AgencyFactory)
    status = "signed"
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    termination_reason = factory.LazyAttribute(
        lambda o: "Mitra tidak aktif" if o.status == "terminated" else ""
    )
    terminated_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "terminated" else None
    )


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.AgreementParty"

    agreement = factory.SubFactory(AgreementFactory)
    agency = None
    partner = None
    document_number = factory.Sequence(lambda n: f"500/{n}/DKUKM/2026")
    signatory_name = "Kepala Dinas"


def signed_between(agency, partner, **fields):
    """An agreement led by `agency`, with `agency` and `partner` as its two parties."""
    agreement = AgreementFactory(lead_agency=agency, **fields)
    agency_party = AgreementPartyFactory(agreement=agreement, agency=agency)
    partner_party = AgreementPartyFactory(agreement=agreement, partner=partner)
    return agreement, agency_party, partner_party


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Obligation"

    agreement = factory.SubFactory(AgreementFactory)
    party = factory.LazyAttribute(
        lambda o: AgreementPartyFactory(agreement=o.agreement, agency=o.agreement.lead_agency)
    )
    stage = factory.LazyFunction(lambda: stage("pendampingan"))
    service_kind = "pendampingan"
    activity_kind = ""
    target = 20
    unit = "umkm"
    due_on = factory.LazyAttribute(lambda o: o.agreement.valid_until)


class MonitoringReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.MonitoringReport"

    agreement = factory.SubFactory(AgreementFactory)
    period_start = factory.LazyAttribute(lambda o: o.agreement.valid_from)
    period_end = factory.LazyAttribute(lambda o: o.agreement.valid_until)
