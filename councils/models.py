"""The tenancy: organisations, regions, councils and sites; roles; audit events."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.encoding import force_str
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The top-level paths of config/urls.py: an organisation with one of these as
# its slug could never be reached.
RESERVED_ORGANISATION_SLUGS = (
    "accounts",
    "account",
    "admin",
    "setup",
    "static",
    "media",
    "public",
    "healthz",
    "help",
    "accessibility",
    "i18n",
    "national",
)


def new_short_id() -> str:
    """A random public id for URLs: never the integer primary key."""
    return secrets.token_urlsafe(8)


class ChoiceLabels:
    """``get_<field>_display`` that reads only the label it returns.

    Django's own builds a dict of every choice each time, hashing each
    label, and a lazily translated label is translated to be hashed: a
    status with twelve choices cost twelve translations per call, and a
    list of 100 rows 1,200 (most of a list page's template time). This
    compares the values and translates only the label it returns."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        for choice, label in field.flatchoices:
            if choice == value:
                return force_str(label, strings_only=True)
        return force_str(value, strings_only=True)


class PublicIdModel(ChoiceLabels, models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_short_id, editable=False)

    class Meta:
        abstract = True


class Organisation(models.Model):
    """The tenant. Never hard-deleted: organisations get renamed and restructured."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    is_active = models.BooleanField(default=True)
    papers_due_days = models.PositiveSmallIntegerField(
        default=14, help_text=_("How many days before a meeting its papers are due.")
    )
    retention_days = models.PositiveSmallIntegerField(
        default=365,
        help_text=_("How many days after a person leaves their personal data is kept."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Goes up with every write to the organisation's data (councils.freshness),
    # so that what a page remembers is never shown stale.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Goes up with every event written to its audit log: a page view can
    # write one, so events have their own number and leave the rest alone.
    audit_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_ORGANISATION_SLUGS),
                name="organisation_slug_is_not_a_reserved_path",
            )
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationOwned(PublicIdModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)

    class Meta:
        abstract = True


class Region(OrganisationOwned):
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="region_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Council(OrganisationOwned):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Community council")
        PRISON = "prison", _("Prison council")
        YOUTH = "youth", _("Youth council")
        COHORT = "cohort", _("Cohort council (for example women only, or over 50s)")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMUNITY)
    cohort_description = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who the council is for, for example 'Women only'."),
    )
    terms_of_reference = models.TextField(blank=True)
    meeting_cadence = models.CharField(
        max_length=100, blank=True, help_text=_("For example 'Every 3 months'.")
    )
    public_page_enabled = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="council_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Site(OrganisationOwned):
    class Kind(models.TextChoices):
        OFFICE = "office", _("Probation office reception")
        APPROVED_PREMISES = "approved_premises", _("Approved premises")
        WOMENS_CENTRE = "womens_centre", _("Women's centre")
        PRISON_WING = "prison_wing", _("Prison wing")
        COMMUNITY = "community", _("Community venue")
        OTHER = "other", _("Other")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OFFICE)
    address = models.TextField(blank=True)
    site_manager_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    COORDINATOR = "coordinator", _("Coordinator")
    CHAIR = "chair", _("Chair")
    LEAD = "lead", _("Probation lead")
    MANAGER = "manager", _("Senior manager")
    FINANCE = "finance", _("Finance officer")
    REP = "rep", _("Council rep")


STAFF_ROLES = frozenset(r for r in Role.values if r != Role.REP)


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on=None):
        from django.utils import timezone

        today = on or timezone.localdate()
        return self.filter(starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=today)
        )


class RoleAssignment(OrganisationOwned):
    """A role held by a person in one organisation, over the whole of it, one
    region, or one council. Ending it (ends_on) removes access at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(region__isnull=False) & Q(council__isnull=False)),
                name="role_scope_is_one_level",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="role_is_a_known_role"),
            # A rep belongs to one council: their role is never wider.
            models.CheckConstraint(
                condition=~Q(role=Role.REP) | Q(council__isnull=False),
                name="role_rep_is_scoped_to_a_council",
            ),
            # Ending a role on the day it started is allowed (it never counted).
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="role_ends_on_or_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.council_id:
            return self.council.name
        if self.region_id:
            return self.region.name
        return gettext("Whole organisation")


class NationalSharing(models.Model):
    """An organisation's agreement to share its figures (counts and shares
    only: never words, never people) with the national picture. Switched by
    the organisation's admin; who and when are kept here and in the audit
    log. Switching it off takes the organisation out of the national
    picture at once: the national pages read this row on every request."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="national_sharing"
    )
    enabled = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(enabled=False) | Q(changed_at__isnull=False),
                name="national_sharing_on_says_when",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {'shared' if self.enabled else 'not shared'}"


class NationalViewerQuerySet(models.QuerySet):
    def active(self, on=None):
        from django.utils import timezone

        today = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))


class NationalViewer(models.Model):
    """A person who reads the national picture: the figures of the
    organisations that share them, side by side and added up. Outside every
    organisation: it gives no role in any, so none of an organisation's
    pages opens to it. Given by a site administrator (Django admin)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="national_viewer"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    ends_on = models.DateField(null=True, blank=True)

    objects = NationalViewerQuerySet.as_manager()

    def __str__(self) -> str:
        return str(self.user)


class AuditEvent(models.Model):
    """Who did what to which object, when, and what changed. Append-only."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "object_type", "object_id"]),
            # The audit log: an organisation's events, newest first, a page
            # at a time (it sorted every event of the organisation).
            models.Index(
                fields=["organisation", "-created_at", "-id"], name="audit_org_newest_first"
            ),
        ]
        permissions = [
            ("manage_structure", _("Set up regions, councils and sites")),
            ("manage_people", _("Invite staff, create rep accounts and assign roles")),
            ("view_audit", _("Read the audit log")),
            (
                "share_national_figures",
                _("Share the organisation's figures with the national picture"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class ProblemReport(OrganisationOwned):
    """Someone told us something in the product did not work for them. It
    reaches the organisation's coordinators, who deal with it."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page = models.CharField(_("what were you trying to do"), max_length=200, blank=True)
    # The address of the page the person came from, when they followed the
    # footer's link: it tells the coordinator where to look.
    path = models.CharField(max_length=200, blank=True)
    what_happened = models.TextField(_("what went wrong"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "dealt_with_at", "-created_at"])]
        permissions = [("read_problem_reports", _("Read and deal with problems people report"))]

    def __str__(self) -> str:
        return gettext("Problem report %(id)s") % {"id": self.public_id}
