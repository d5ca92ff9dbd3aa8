"""Agreements with partners (MoU, PKS under an MoU, addendum under a PKS), their parties and
obligations, and the monitoring reports ("laporan monev") that account for them (DESIGN §8).

An agreement's phase and an obligation's realisation are computed, never stored: the phase from
the status and the dates (`Agreement.phase`, `AgreementQuerySet.in_phase`), the realisation from
the records under the agreement (`support.services.agreements.realisation`).
"""

import datetime
from typing import Any, NoReturn, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from catalog.exceptions import UploadTooLarge
from catalog.models.base import ServerFileName, today
from support import rules
from umkm_portal.constraints import FieldConstraints

from .activities import ActivityKind
from .partners import Partner
from .services import ServiceKind
from .stages import Stage

User = settings.AUTH_USER_MODEL

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: An agreement in force with this many days left or fewer is `expiring`.
EXPIRING_DAYS = 90


def validate_agreement_pdf(upload: File) -> None:
    """The signed document is a PDF (read from its first bytes, not its name) of at most 10 MB;
    larger is UploadTooLarge (the API's 413)."""
    if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
        raise UploadTooLarge(_("The document is larger than 10 MB."), code="too_large")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("The document must be a PDF file."), code="not_pdf")


class Phase(models.TextChoices):
    """Where an agreement stands today, from its status and dates (never stored)."""

    NOT_STARTED = "not_started", _("Not started")
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


#: Phases in which records may be made under an agreement (partner accounts, DESIGN §8).
OPEN_PHASES = (Phase.ACTIVE, Phase.EXPIRING)


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def published(self) -> Self:
        """What the public register shows: agreements that were signed (terminated ones too,
        marked), never drafts."""
        return self.exclude(status=Agreement.Status.DRAFT)

    def party_to(self, user) -> Self:
        """Agreements a partner the user acts for is party to (any status)."""
        return self.filter(pk__in=rules.partner_agreements(user).values("pk"))

    def visible_to(self, user) -> Self:
        """Staff see every agreement; partner staff the signed ones and their partner's
        (drafts included); everyone else the signed ones."""
        if rules.can_see_records(user):
            return self.all()
        mine = rules.partner_agreements(user).values("pk")
        return self.filter(~Q(status=Agreement.Status.DRAFT) | Q(pk__in=mine))

    def managed_by(self, user) -> Self:
        """Agreements whose content, obligations and termination the user manages: managers of
        the lead agency; every one for administrators."""
        if rules.is_administrator(user):
            return self.all()
        return self.filter(lead_agency__in=rules.managing_agencies(user))

    def reported_by(self, user) -> Self:
        """Agreements whose monitoring reports the user drafts and submits: editors and
        managers of the lead agency (administrators accept or return, they do not draft)."""
        return self.filter(lead_agency__in=rules.editing_agencies(user))

    @staticmethod
    def phase_condition(phase: str, on: datetime.date | None = None) -> Q:
        """The condition for `phase` on `on` (today): the filter twin of `Agreement.phase_on`."""
        on = on or today()
        signed = Q(status=Agreement.Status.SIGNED)
        soon = on + datetime.timedelta(days=EXPIRING_DAYS)
        conditions = {
            Phase.TERMINATED: Q(status=Agreement.Status.TERMINATED),
            Phase.NOT_STARTED: Q(status=Agreement.Status.DRAFT) | (signed & Q(valid_from__gt=on)),
            Phase.ACTIVE: signed & Q(valid_from__lte=on, valid_until__gt=soon),
            Phase.EXPIRING: signed & Q(valid_from__lte=on, valid_until__gte=on)
            & Q(valid_until__lte=soon),
            Phase.EXPIRED: signed & Q(valid_until__lt=on),
        }  # fmt: skip
        return conditions[Phase(phase)]

    def in_phase(self, *phases: str, on: datetime.date | None = None) -> Self:
        """Agreements in any of `phases` on `on` (today), decided in SQL."""
        if not phases:
            return self.none()
        condition = self.phase_condition(phases[0], on)
        for phase in phases[1:]:
            condition |= self.phase_condition(phase, on)
        return self.filter(condition)

    def with_partner(self, partner: "Partner") -> Self:
        """Agreements `partner` is party to (a subquery: no row twice)."""
        parties = AgreementParty.objects.filter(partner=partner).values("agreement_id")
        return self.filter(pk__in=parties)

    def covering(self, stage: Stage) -> Self:
        """Agreements whose stages include `stage` (a subquery: no row twice)."""
        stages = Agreement.stages.through.objects.filter(stage=stage).values("agreement_id")
        return self.filter(pk__in=stages)

    def open_for_records(self, on: datetime.date | None = None) -> Self:
        """Agreements under which records may be made now: active or expiring."""
        return self.in_phase(*OPEN_PHASES, on=on)

    def with_phase(self, on: datetime.date | None = None) -> Self:
        """Each agreement annotated with `current_phase`, computed in SQL (for lists)."""
        return self.annotate(
            current_phase=models.Case(
                *(models.When(self.phase_condition(phase, on), then=models.Value(phase))
                  for phase in Phase.values),
                output_field=models.CharField(),
            )
        )  # fmt: skip


class Agreement(FieldConstraints):
    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding (MoU)")
        PKS = "pks", _("Cooperation agreement (PKS)")
        ADDENDUM = "addendum", _("Addendum")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        TERMINATED = "terminated", _("Terminated")

    #: The kind a parent must be, by kind (an MoU has no parent).
    PARENT_KIND: dict[str, str] = {Kind.PKS: Kind.MOU, Kind.ADDENDUM: Kind.PKS}

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("under"),
        help_text=_("A PKS's MoU; an addendum's PKS."),
    )
    title = models.CharField(_("title"), max_length=300)
    lead_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="led_agreements",
        verbose_name=_("lead agency"),
    )
    scope = models.TextField(_("scope"), blank=True)
    stages = models.ManyToManyField(
        Stage, blank=True, related_name="agreements", verbose_name=_("stages covered")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Pergub Kep. Babel No. 48 Tahun 2018"),
    )
    document = models.FileField(
        _("document (PDF)"),
        upload_to=ServerFileName("agreements"),
        blank=True,
        validators=[validate_agreement_pdf],
    )
    document_is_public = models.BooleanField(
        _("document is public"),
        default=False,
        help_text=_("Shown on the public register when ticked."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    terminated_at = models.DateTimeField(_("terminated at"), null=True, blank=True)
    terminated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    termination_reason = models.TextField(_("reason for terminating"), blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="agreement_until_after_from"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["mou", "pks", "addendum"]), name="agreement_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "signed", "terminated"]),
                name="agreement_status_known",
            ),
            # What the database can say of the parent without reading it: an MoU stands alone,
            # an addendum is always under something. Its kind is checked by clean() and the
            # workflow (a check constraint reads one row).
            models.CheckConstraint(
                condition=Q(kind="mou", parent__isnull=True)
                | Q(kind="pks")
                | Q(kind="addendum", parent__isnull=False),
                name="agreement_parent_by_kind",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="agreement_not_its_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_on__isnull=False),
                name="agreement_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="terminated")
                | (Q(terminated_at__isnull=False) & ~Q(termination_reason="")),
                name="agreement_termination_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "valid_until"], name="agreement_status_until"),
            models.Index(fields=["lead_agency", "status"], name="agreement_lead_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (
            isinstance(self.valid_from, datetime.date)
            and isinstance(self.valid_until, datetime.date)
            and self.valid_until < self.valid_from
        ):
            errors["valid_until"] = _("An agreement cannot end before it starts.")
        expected = self.PARENT_KIND.get(self.kind)
        parent = self.parent if self.parent_id is not None else None
        if self.kind == self.Kind.MOU and parent is not None:
            errors["parent"] = _("An MoU stands alone: it has no parent agreement.")
        elif self.kind == self.Kind.ADDENDUM and parent is None:
            errors["parent"] = _("An addendum amends a PKS: choose it.")
        elif parent is not None and expected is not None and parent.kind != expected:
            errors["parent"] = (
                _("A PKS is made under an MoU.")
                if expected == self.Kind.MOU
                else _("An addendum amends a PKS.")
            )
        elif parent is not None and self.pk is not None and parent.pk == self.pk:
            errors["parent"] = _("An agreement cannot be under itself.")
        if errors:
            raise ValidationError(errors)

    def phase_on(self, on: datetime.date | None = None) -> Phase:
        """The phase on `on` (today): a draft has not started whatever its dates; a signed
        agreement is active until 90 days before its last day, then expiring up to and including
        that day, then expired."""
        on = on or today()
        if self.status == self.Status.TERMINATED:
            return Phase.TERMINATED
        if self.status == self.Status.DRAFT or self.valid_from > on:
            return Phase.NOT_STARTED
        if self.valid_until < on:
            return Phase.EXPIRED
        if (self.valid_until - on).days <= EXPIRING_DAYS:
            return Phase.EXPIRING
        return Phase.ACTIVE

    @property
    def phase(self) -> Phase:
        return self.phase_on()

    @property
    def is_open_for_records(self) -> bool:
        return self.phase in OPEN_PHASES

    def covers(self, start: datetime.date, end: datetime.date) -> bool:
        """Whether the period lies within the agreement's term."""
        return self.valid_from <= start and end <= self.valid_until


class AgreementParty(FieldConstraints):
    """One party of an agreement, an agency or a partner, with the number *it* gave the document
    and who signed for it."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
        verbose_name=_("agency"),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
        verbose_name=_("partner"),
    )
    document_number = models.CharField(_("document number"), max_length=150, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, partner__isnull=True)
                | Q(agency__isnull=True, partner__isnull=False),
                name="agreement_party_agency_xor_partner",
            ),
            models.UniqueConstraint(
                fields=["agreement", "agency"],
                condition=Q(agency__isnull=False),
                name="agreement_party_agency_once",
            ),
            models.UniqueConstraint(
                fields=["agreement", "partner"],
                condition=Q(partner__isnull=False),
                name="agreement_party_partner_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.agreement}"

    def clean(self) -> None:
        if (self.agency_id is None) == (self.partner_id is None):
            raise ValidationError(
                {"agency": _("A party is either an agency or a partner: choose exactly one.")}
            )

    @property
    def organisation(self) -> Agency | Partner:
        return self.agency if self.agency_id is not None else self.partner  # type: ignore[return-value]

    @property
    def name(self) -> str:
        return self.organisation.name


class Unit(models.TextChoices):
    """What an obligation counts (docs/decisions: partnerships)."""

    PESERTA = "peserta", _("participants")
    UMKM = "umkm", _("businesses (UMKM)")
    KEGIATAN = "kegiatan", _("activities")
    LAYANAN = "layanan", _("services")


#: Units an activity obligation may count, and a service obligation.
ACTIVITY_UNITS = (Unit.PESERTA, Unit.UMKM, Unit.KEGIATAN)
SERVICE_UNITS = (Unit.UMKM, Unit.LAYANAN)


class ObligationQuerySet(models.QuerySet["Obligation"]):
    def managed_by(self, user) -> Self:
        return self.filter(agreement__in=Agreement.objects.managed_by(user))

    def visible_to(self, user) -> Self:
        return self.filter(agreement__in=Agreement.objects.visible_to(user))


class Obligation(FieldConstraints):
    """What one party promised: a number of participants, businesses, activities or services of
    a kind, in a stage, by a date."""

    Unit = Unit

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name=_("agreement"),
    )
    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name=_("responsible party"),
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="obligations", verbose_name=_("stage")
    )
    activity_kind = models.CharField(
        _("activity kind counted"), max_length=30, choices=ActivityKind.choices, blank=True
    )
    service_kind = models.CharField(
        _("service kind counted"), max_length=30, choices=ServiceKind.choices, blank=True
    )
    target = models.PositiveIntegerField(_("target"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    due_on = models.DateField(_("due by"))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ObligationQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "due_on", "pk"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.CheckConstraint(condition=Q(target__gt=0), name="obligation_target_positive"),
            models.CheckConstraint(
                condition=(Q(activity_kind__in=ActivityKind.values) & Q(service_kind=""))
                | (Q(activity_kind="") & Q(service_kind__in=ServiceKind.values)),
                name="obligation_counts_one_kind",
            ),
            models.CheckConstraint(
                condition=(~Q(activity_kind="") & Q(unit__in=ACTIVITY_UNITS))
                | (~Q(service_kind="") & Q(unit__in=SERVICE_UNITS)),
                name="obligation_unit_fits_kind",
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="obligation_due")]

    def __str__(self) -> str:
        return f"{self.target} {self.get_unit_display()} — {self.what_counts}"

    @property
    def what_counts(self) -> str:
        if self.activity_kind:
            return str(self.get_activity_kind_display())
        return str(self.get_service_kind_display())

    @property
    def counts_activities(self) -> bool:
        return bool(self.activity_kind)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if isinstance(self.target, int) and self.target <= 0:
            errors["target"] = _("The target is a number above zero.")
        if bool(self.activity_kind) == bool(self.service_kind):
            errors["activity_kind"] = _("Choose what counts: an activity kind or a service kind.")
        elif self.activity_kind and self.unit and self.unit not in ACTIVITY_UNITS:
            errors["unit"] = _("Activities count participants, businesses or activities.")
        elif self.service_kind and self.unit and self.unit not in SERVICE_UNITS:
            errors["unit"] = _("Services count businesses or services.")
        if (
            self.party_id is not None
            and self.agreement_id is not None
            and self.party.agreement_id != self.agreement_id
        ):
            errors["party"] = _("The responsible party is a party of this agreement.")
        if errors:
            raise ValidationError(errors)


class ReportQuerySet(models.QuerySet["MonitoringReport"]):
    def visible_to(self, user) -> Self:
        """Staff of any agency and administrators (the record is shared); nobody else."""
        return self.all() if rules.can_see_records(user) else self.none()

    def managed_by(self, user) -> Self:
        """Reports the user drafts and submits: of agreements their agency leads (editors and
        managers)."""
        return self.filter(agreement__in=Agreement.objects.reported_by(user))

    def awaiting_decision(self) -> Self:
        return self.filter(status=MonitoringReport.Status.SUBMITTED)


class MonitoringReport(FieldConstraints):
    """A monitoring report ("laporan monev") of one agreement for one period: `draft` →
    `submitted` → `accepted` | `returned` (→ `submitted` again). Every step is in `steps`."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    #: States in which the lead agency still writes the report.
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="reports", verbose_name=_("agreement")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    obstacles = models.TextField(_("obstacles"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "-period_start", "-pk"]
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end"],
                name="report_one_per_agreement_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "accepted", "returned"]),
                name="report_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.period_start} – {self.period_end}"

    def clean(self) -> None:
        start, end = self.period_start, self.period_end
        if not (isinstance(start, datetime.date) and isinstance(end, datetime.date)):
            return
        if end < start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.agreement_id is not None and not self.agreement.covers(start, end):
            raise ValidationError(
                {"period_start": _("The period lies outside the agreement's term.")}
            )


class ReportLine(FieldConstraints):
    """One obligation's figure in a report: the figure computed from the records when the report
    was opened, and the figure staff corrected it to with their note (both kept)."""

    report = models.ForeignKey(
        MonitoringReport, on_delete=models.CASCADE, related_name="lines", verbose_name=_("report")
    )
    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.PROTECT,
        related_name="report_lines",
        verbose_name=_("obligation"),
    )
    computed_figure = models.PositiveIntegerField(_("figure from the records"))
    corrected_figure = models.PositiveIntegerField(_("corrected figure"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    corrected_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "obligation__due_on", "obligation"]
        verbose_name = _("report line")
        verbose_name_plural = _("report lines")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "obligation"], name="report_line_one_per_obligation"
            ),
            models.CheckConstraint(
                condition=Q(corrected_figure__isnull=True) | ~Q(note=""),
                name="report_line_correction_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation}: {self.figure}"

    @property
    def figure(self) -> int:
        """The figure the report states: the correction when there is one."""
        return self.computed_figure if self.corrected_figure is None else self.corrected_figure

    @property
    def is_corrected(self) -> bool:
        return self.corrected_figure is not None


class ReportStep(FieldConstraints):
    """One step of a report (opened, submitted, accepted, returned): who, when, from which
    state to which, and what they said. Append-only."""

    report = models.ForeignKey(
        MonitoringReport, on_delete=models.PROTECT, related_name="steps", verbose_name=_("report")
    )
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="report_steps", verbose_name=_("actor")
    )
    from_state = models.CharField(
        _("from state"), max_length=10, choices=MonitoringReport.Status.choices, blank=True
    )
    to_state = models.CharField(
        _("to state"), max_length=10, choices=MonitoringReport.Status.choices
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_state__in=["draft", "submitted", "accepted", "returned"])
                & Q(from_state__in=["", "draft", "submitted", "accepted", "returned"]),
                name="report_step_states_known",
            ),
            models.CheckConstraint(
                condition=~Q(to_state="returned") | ~Q(comment=""),
                name="report_step_return_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_state or '–'} → {self.to_state}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("Report steps are append-only."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValidationError(_("Report steps are append-only."))
