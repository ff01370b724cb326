"""Reads for reports: the archive people may see, and the figures that go in
each document.

Every figure is an aggregate worked out by the database; lists are capped.
So the number of queries a report needs is fixed, however much data there
is (tests/reports/test_figures.py counts them). Only published decisions
(``Proposal.status`` is the published state) and approved quotes are read;
raw feedback and people's names never are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, Organisation, Region, Role, RoleAssignment
from councils.permissions import active_assignments, roles_granting
from members.bands import AgeBand, Ethnicity, Gender, OrderType
from members.models import RepProfile
from proposals.models import (
    ActionPoint,
    Attendance,
    Meeting,
    Proposal,
    ProposalStatus,
)
from surgeries.models import FeedbackItem, Surgery

from .content import (
    Cell,
    Comparison,
    DiversityGroup,
    FollowThrough,
    Funnel,
    Meetings,
    ProposalOutcome,
    QuarterlyContent,
    Quote,
    Rate,
    Reach,
    Reps,
    ThemeCount,
    YouSaidWeDidContent,
)
from .models import GeneratedReport
from .periods import Period

# Lists in a You Said We Did document are capped so that an organisation-wide
# booklet stays readable (and its queries bounded).
LIST_LIMIT = 30
QUOTE_LIMIT = 4
THEME_LIMIT = 5

IN_PROGRESS_STATUSES = [
    ProposalStatus.ACCEPTED,
    ProposalStatus.ACCEPTED_WITH_CHANGES,
    ProposalStatus.IN_PROGRESS,
]


# ---------------------------------------------------------------------------
# Scope


@dataclass(frozen=True)
class ReportScope:
    """A council, a region, or a whole organisation."""

    organisation: Organisation
    council: Council | None = None
    region: Region | None = None

    @classmethod
    def of(cls, report: GeneratedReport) -> ReportScope:
        return cls(report.organisation, report.council, report.region)

    @property
    def label(self) -> str:
        if self.council is not None:
            return self.council.name
        if self.region is not None:
            return self.region.name
        return self.organisation.name

    def councils_q(self, field: str = "council") -> Q:
        """Rows of the councils in scope (the organisation is filtered separately)."""
        if self.council is not None:
            return Q(**{f"{field}_id": self.council.pk})
        if self.region is not None:
            return Q(**{f"{field}__region_id": self.region.pk})
        return Q()

    def council_ids(self) -> list[int] | None:
        if self.council is not None:
            return [self.council.pk]
        if self.region is not None:
            return list(
                Council.objects.filter(
                    organisation=self.organisation, region=self.region
                ).values_list("id", flat=True)
            )
        return None


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _in_period(field: str, period: Period) -> Q:
    """A datetime field inside the period (both days included)."""
    return Q(**{f"{field}__gte": _aware(period.start)}) & Q(
        **{f"{field}__lt": _aware(period.end + dt.timedelta(days=1))}
    )


def public_page_url(organisation: Organisation, council: Council | None) -> str:
    """The address a QR code points at: the council's public page, or the
    organisation's list of public pages for a region or organisation report."""
    if council is not None:
        path = reverse("public_you_said_we_did", args=[organisation.slug, council.slug])
    else:
        path = reverse("public_index", args=[organisation.slug])
    return settings.SITE_URL.rstrip("/") + path


# ---------------------------------------------------------------------------
# You Said, We Did


def _said_counts(scope: ReportScope, period: Period) -> tuple[int, int, int]:
    surgeries = Surgery.objects.filter(
        scope.councils_q(),
        organisation=scope.organisation,
        cancelled_at__isnull=True,
        date__range=(period.start, period.end),
    ).aggregate(held=Count("id"), engaged=Coalesce(Sum("people_engaged"), 0))
    feedback = FeedbackItem.objects.filter(
        scope.councils_q(),
        organisation=scope.organisation,
        received_on__range=(period.start, period.end),
    ).count()
    return surgeries["held"], surgeries["engaged"], feedback


def _top_themes(scope: ReportScope, period: Period) -> list[ThemeCount]:
    rows = (
        FeedbackItem.objects.filter(
            scope.councils_q(),
            organisation=scope.organisation,
            received_on__range=(period.start, period.end),
        )
        .values("theme__name")
        .annotate(n=Count("id"))
        .order_by("-n", "theme__name")[:THEME_LIMIT]
    )
    return [ThemeCount(row["theme__name"], Cell(row["n"], row["n"] < 5)) for row in rows]


def approved_quotes(scope: ReportScope, period: Period, limit: int = QUOTE_LIMIT) -> list[Quote]:
    """Quotes a coordinator approved, from people who agreed to be quoted.
    Only the approved wording (with any names taken out) is ever read."""
    rows = (
        FeedbackItem.objects.filter(
            scope.councils_q(),
            organisation=scope.organisation,
            received_on__range=(period.start, period.end),
            quote_status=FeedbackItem.QuoteStatus.APPROVED,
            consent_to_quote=True,
        )
        .exclude(approved_quote="")
        .order_by("-received_on", "-id")
        .values_list("approved_quote", "theme__name")[: limit * 3]
    )
    # The same words heard twice are shown once.
    quotes: dict[str, Quote] = {}
    for text, theme in rows:
        key = " ".join(text.lower().split())
        quotes.setdefault(key, Quote(text.strip(), theme))
    return list(quotes.values())[:limit]


def _month(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return f"{value:%B %Y}"


def _proposals(scope: ReportScope) -> QuerySet[Proposal]:
    # Proposal.status only ever holds published decisions.
    return Proposal.objects.filter(scope.councils_q(), organisation=scope.organisation)


def _outcomes(scope: ReportScope, period: Period) -> tuple[list, list, list]:
    end = _aware(period.end + dt.timedelta(days=1))
    fields = (
        "title",
        "problem",
        "we_did",
        "status",
        "target_date",
        "decided_at",
        "implemented_at",
        "not_implemented_at",
        "not_implemented_reason",
        "theme__name",
        "published_decision__reason",
        "published_decision__changes_required",
        "published_decision__deferred_to",
    )
    done = (
        _proposals(scope)
        .filter(_in_period("implemented_at", period), status=ProposalStatus.IMPLEMENTED)
        .order_by("-implemented_at", "-id")
        .values(*fields)[:LIST_LIMIT]
    )
    doing = (
        _proposals(scope)
        .filter(
            Q(status__in=IN_PROGRESS_STATUSES) | Q(status=ProposalStatus.DEFERRED),
            decided_at__lt=end,
            published_at__isnull=False,
        )
        .order_by("-decided_at", "-id")
        .values(*fields)[:LIST_LIMIT]
    )
    could_not = (
        _proposals(scope)
        .filter(
            (Q(status=ProposalStatus.NOT_ACCEPTED) & _in_period("decided_at", period))
            | (Q(status=ProposalStatus.NOT_IMPLEMENTED) & _in_period("not_implemented_at", period)),
            published_at__isnull=False,
        )
        .order_by("-decided_at", "-id")
        .values(*fields)[:LIST_LIMIT]
    )
    we_did = [
        ProposalOutcome(
            title=row["title"],
            you_said=row["problem"],
            outcome=row["we_did"],
            theme=row["theme__name"] or "",
            date_label=_month(row["implemented_at"]),
        )
        for row in done
    ]
    in_progress = [_in_progress_outcome(row) for row in doing]
    not_done = [
        ProposalOutcome(
            title=row["title"],
            you_said=row["problem"],
            outcome=(
                row["not_implemented_reason"]
                if row["status"] == ProposalStatus.NOT_IMPLEMENTED
                else row["published_decision__reason"]
            )
            or "The council has not given a reason yet. Ask your rep.",
            theme=row["theme__name"] or "",
            date_label=_month(row["decided_at"]),
        )
        for row in could_not
    ]
    return we_did, in_progress, not_done


def _in_progress_outcome(row: dict) -> ProposalOutcome:
    if row["status"] == ProposalStatus.DEFERRED:
        parts = ["The council will look at this again"]
        if row["published_decision__deferred_to"]:
            parts[0] += f" in {_month(row['published_decision__deferred_to'])}"
        text = parts[0] + "."
        if row["published_decision__reason"]:
            text += f" {row['published_decision__reason']}"
    else:
        text = f"The council agreed to this in {_month(row['decided_at'])}."
        if row["published_decision__changes_required"]:
            text += f" It asked for a change: {row['published_decision__changes_required']}"
        if row["target_date"]:
            text += f" We aim to finish by {_month(row['target_date'])}."
    return ProposalOutcome(
        title=row["title"],
        you_said=row["problem"],
        outcome=text,
        theme=row["theme__name"] or "",
        date_label=_month(row["decided_at"]),
    )


def you_said_we_did_content(
    scope: ReportScope, period: Period, *, public_url: str = ""
) -> YouSaidWeDidContent:
    held, engaged, feedback = _said_counts(scope, period)
    we_did, in_progress, could_not = _outcomes(scope, period)
    return YouSaidWeDidContent(
        organisation_name=scope.organisation.name,
        scope_label=scope.label,
        period=period,
        surgeries_held=held,
        people_engaged=engaged,
        feedback_count=feedback,
        top_themes=_top_themes(scope, period),
        quotes=approved_quotes(scope, period),
        we_did=we_did,
        in_progress=in_progress,
        could_not=could_not,
        public_url=public_url,
    )


# ---------------------------------------------------------------------------
# Quarterly report


def _reach(scope: ReportScope, period: Period, previous: Period) -> Reach:
    now = Q(date__range=(period.start, period.end))
    before = Q(date__range=(previous.start, previous.end))
    row = Surgery.objects.filter(
        scope.councils_q(),
        organisation=scope.organisation,
        cancelled_at__isnull=True,
        date__range=(previous.start, period.end),
    ).aggregate(
        held_now=Count("id", filter=now),
        held_before=Count("id", filter=before),
        approached_now=Coalesce(Sum("people_approached", filter=now), 0),
        approached_before=Coalesce(Sum("people_approached", filter=before), 0),
        engaged_now=Coalesce(Sum("people_engaged", filter=now), 0),
        engaged_before=Coalesce(Sum("people_engaged", filter=before), 0),
        declined_now=Coalesce(Sum("people_declined", filter=now), 0),
        declined_before=Coalesce(Sum("people_declined", filter=before), 0),
    )
    return Reach(
        surgeries_held=Comparison("Surgeries held", row["held_now"], row["held_before"]),
        people_approached=Comparison(
            "People approached", row["approached_now"], row["approached_before"]
        ),
        people_engaged=Comparison("People engaged", row["engaged_now"], row["engaged_before"]),
        people_declined=Comparison(
            "People who said no thanks", row["declined_now"], row["declined_before"]
        ),
        engagement=Rate(row["engaged_now"], row["approached_now"], "engaged", "approached"),
    )


def _feedback_by_theme(scope: ReportScope, period: Period, previous: Period) -> list[Comparison]:
    rows = (
        FeedbackItem.objects.filter(
            scope.councils_q(),
            organisation=scope.organisation,
            received_on__range=(previous.start, period.end),
        )
        .values("theme__name", "theme__position")
        .annotate(
            now=Count("id", filter=Q(received_on__gte=period.start)),
            before=Count("id", filter=Q(received_on__lt=period.start)),
        )
        .order_by("-now", "theme__position", "theme__name")
    )
    return [Comparison(row["theme__name"], row["now"], row["before"]) for row in rows]


def _funnel(scope: ReportScope, period: Period) -> tuple[Funnel, int]:
    from proposals.selectors import proposal_figures

    figures = proposal_figures(
        organisation=scope.organisation,
        council_ids=scope.council_ids(),
        start=period.start,
        end=period.end,
    )
    funnel = Funnel(
        raised=figures.raised,
        presented=figures.presented,
        accepted=figures.accepted,
        implemented=figures.implemented,
        not_accepted=figures.not_accepted,
        median_days_to_decision=figures.median_days_to_decision,
        median_days_to_implementation=figures.median_days_to_implementation,
        decided_count=figures.decided_count,
        implemented_count_for_median=figures.implemented_in_period,
    )
    return funnel, figures.overdue


def _follow_through(scope: ReportScope, period: Period, overdue_updates: int) -> FollowThrough:
    """Action points open at the end of the period, and those past their due date."""
    end = _aware(period.end + dt.timedelta(days=1))
    open_at_end = Q(created_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
    actions = ActionPoint.objects.filter(
        scope.councils_q(), open_at_end, organisation=scope.organisation
    ).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(due_on__lte=period.end)),
    )
    implementations = _proposals(scope).filter(status__in=IN_PROGRESS_STATUSES).count()
    return FollowThrough(
        open_actions=actions["open"],
        overdue_actions=actions["overdue"],
        open_implementations=implementations,
        overdue_updates=overdue_updates,
    )


def _meetings(scope: ReportScope, period: Period) -> Meetings:
    held = Meeting.objects.filter(
        scope.councils_q(),
        organisation=scope.organisation,
        cancelled_at__isnull=True,
        date__range=(period.start, period.end),
    )
    counts = held.aggregate(
        hub=Count("id", filter=Q(kind=Meeting.Kind.HUB)),
        council=Count("id", filter=Q(kind=Meeting.Kind.COUNCIL)),
        other=Count("id", filter=~Q(kind__in=[Meeting.Kind.HUB, Meeting.Kind.COUNCIL])),
    )
    attendance = Attendance.objects.filter(meeting__in=held).aggregate(
        attended=Count("id", filter=Q(status=Attendance.Status.ATTENDED)),
        apologies=Count("id", filter=Q(status=Attendance.Status.APOLOGIES)),
        absent=Count("id", filter=Q(status=Attendance.Status.ABSENT)),
    )
    return Meetings(
        hub_meetings=counts["hub"],
        council_meetings=counts["council"],
        other_meetings=counts["other"],
        **attendance,
    )


def _active_reps_q(day: dt.date) -> Q:
    return (
        Q(status=RepProfile.Status.ACTIVE)
        & (Q(joined_on__isnull=True) | Q(joined_on__lte=day))
        & (Q(left_on__isnull=True) | Q(left_on__gt=day))
    )


def _reps(scope: ReportScope, period: Period) -> Reps:
    in_period = (period.start, period.end)
    row = RepProfile.objects.filter(scope.councils_q(), organisation=scope.organisation).aggregate(
        active=Count("id", filter=_active_reps_q(period.end)),
        new=Count("id", filter=Q(joined_on__range=in_period)),
        trained=Count("id", filter=Q(trained_on__range=in_period)),
        moved_on=Count("id", filter=Q(status=RepProfile.Status.MOVED_ON, left_on__range=in_period)),
        left=Count("id", filter=Q(left_on__range=in_period)),
    )
    return Reps(**row)


DIVERSITY_FIELDS = [
    ("gender", "Gender", Gender),
    ("age_band", "Age", AgeBand),
    ("ethnicity", "Ethnicity", Ethnicity),
    ("order_type", "Order or licence", OrderType),
]


def _diversity(queryset: QuerySet, fields) -> list[DiversityGroup]:
    groups = []
    for field, title, choices in fields:
        rows = queryset.values(field).annotate(n=Count("id")).order_by(field)
        counts = {row[field]: row["n"] for row in rows}
        not_recorded = counts.pop("", 0) + counts.pop(None, 0)
        labelled = [(label, counts[value]) for value, label in choices.choices if counts.get(value)]
        if labelled:
            groups.append(DiversityGroup.from_counts(title, labelled, not_recorded))
    return groups


def quarterly_content(scope: ReportScope, period: Period) -> QuarterlyContent:
    previous = period.previous()
    funnel, overdue_updates = _funnel(scope, period)
    engaged = FeedbackItem.objects.filter(
        scope.councils_q(),
        organisation=scope.organisation,
        received_on__range=(period.start, period.end),
    )
    reps = RepProfile.objects.filter(
        scope.councils_q(), _active_reps_q(period.end), organisation=scope.organisation
    )
    return QuarterlyContent(
        organisation_name=scope.organisation.name,
        scope_label=scope.label,
        period=period,
        previous_period=previous,
        reach=_reach(scope, period, previous),
        feedback_by_theme=_feedback_by_theme(scope, period, previous),
        funnel=funnel,
        follow_through=_follow_through(scope, period, overdue_updates),
        meetings=_meetings(scope, period),
        reps=_reps(scope, period),
        engaged_diversity=_diversity(engaged, DIVERSITY_FIELDS),
        rep_diversity=_diversity(reps, DIVERSITY_FIELDS[:3]),
    )


def content_for(report: GeneratedReport):
    """The content of one report, read from the database."""
    scope = ReportScope.of(report)
    period = Period(report.period_start, report.period_end)
    if report.kind == GeneratedReport.Kind.QUARTERLY:
        return quarterly_content(scope, period)
    return you_said_we_did_content(
        scope, period, public_url=public_page_url(report.organisation, report.council)
    )


# ---------------------------------------------------------------------------
# The archive


def _scope_q(assignments, roles: set[str]) -> Q | None:
    """Reports whose scope one of the assignments covers; None means every
    report of the organisation."""
    q = Q(pk__in=[])
    for a in assignments:
        if a.role not in roles:
            continue
        if a.council_id:
            q |= Q(council_id=a.council_id)
        elif a.region_id:
            q |= Q(region_id=a.region_id) | Q(council__region_id=a.region_id)
        else:
            return None
    return q


def reports_visible_to(user, organisation: Organisation) -> QuerySet[GeneratedReport]:
    """Reports the person may read: by their roles' scope, You Said We Did
    for reps' councils, and any report shared with them by name."""
    assignments = active_assignments(user, organisation.pk)
    reports = GeneratedReport.objects.filter(organisation=organisation)
    full = _scope_q(assignments, roles_granting("reports.view_report"))
    if full is None:
        return reports
    yswd = _scope_q(assignments, roles_granting("reports.view_you_said_we_did"))
    yswd_kinds = Q(kind__in=GeneratedReport.YOU_SAID_WE_DID_KINDS)
    visible = full | (yswd_kinds if yswd is None else (yswd_kinds & yswd))
    return reports.filter(visible | Q(pk__in=shared_report_ids(user)))


def shared_report_ids(user) -> QuerySet:
    """Reports shared with this person by name (django-guardian grants)."""
    from guardian.models import UserObjectPermission

    # Joined in the same query (not ContentType's cache), so the count of
    # queries a page makes never depends on what was cached before.
    return (
        UserObjectPermission.objects.filter(
            user=user,
            permission__codename="view_report",
            content_type__app_label=GeneratedReport._meta.app_label,
            content_type__model=GeneratedReport._meta.model_name,
        )
        .annotate(report_id=Cast("object_pk", BigIntegerField()))
        .values("report_id")
    )


def archive(
    *,
    user,
    organisation: Organisation,
    council: Council | None = None,
    region: Region | None = None,
    whole_organisation: bool = False,
    kind: str = "",
) -> QuerySet[GeneratedReport]:
    """The archive, newest first, with whether a newer version of the same
    report exists."""
    reports = reports_visible_to(user, organisation)
    if council is not None:
        reports = reports.filter(scope=GeneratedReport.ScopeLevel.COUNCIL, council=council)
    elif region is not None:
        reports = reports.filter(scope=GeneratedReport.ScopeLevel.REGION, region=region)
    elif whole_organisation:
        reports = reports.filter(scope=GeneratedReport.ScopeLevel.ORGANISATION)
    if kind:
        reports = reports.filter(kind=kind)
    # The scope decides which of council and region is set (NULL never equals
    # NULL in SQL, so each is compared only where it is set).
    same_place = (
        Q(scope=GeneratedReport.ScopeLevel.COUNCIL, council=OuterRef("council"))
        | Q(scope=GeneratedReport.ScopeLevel.REGION, region=OuterRef("region"))
        | Q(scope=GeneratedReport.ScopeLevel.ORGANISATION)
    )
    newer = GeneratedReport.objects.filter(
        same_place,
        organisation=organisation,
        kind=OuterRef("kind"),
        scope=OuterRef("scope"),
        period_start=OuterRef("period_start"),
        period_end=OuterRef("period_end"),
        status=GeneratedReport.Status.READY,
        created_at__gt=OuterRef("created_at"),
    )
    return (
        reports.select_related("council", "region", "requested_by", "organisation")
        .annotate(has_newer=Exists(newer))
        .order_by("-created_at", "-id")
    )


def newer_version(report: GeneratedReport) -> GeneratedReport | None:
    """The newest ready copy of the same report made after this one."""
    return (
        GeneratedReport.objects.filter(
            organisation_id=report.organisation_id,
            kind=report.kind,
            scope=report.scope,
            council_id=report.council_id,
            region_id=report.region_id,
            period_start=report.period_start,
            period_end=report.period_end,
            status=GeneratedReport.Status.READY,
            created_at__gt=report.created_at,
        )
        .select_related("council", "council__region", "region", "organisation")
        .order_by("-created_at")
        .first()
    )


def report_for_page(organisation: Organisation, public_id: str) -> GeneratedReport | None:
    return (
        GeneratedReport.objects.filter(organisation=organisation, public_id=public_id)
        .select_related("council", "council__region", "region", "requested_by", "organisation")
        .first()
    )


def people_shared_with(report: GeneratedReport) -> QuerySet:
    from guardian.shortcuts import get_users_with_perms

    return get_users_with_perms(
        report, only_with_perms_in=["view_report"], with_superusers=False, with_group_users=False
    ).order_by("display_name", "username")


def people_to_share_with(organisation: Organisation) -> QuerySet:
    """Anyone with a current role in the organisation."""
    from django.contrib.auth import get_user_model

    ids = RoleAssignment.objects.active().filter(organisation=organisation).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, id__in=ids)
        .order_by("display_name", "username")
    )


def report_recipients(report: GeneratedReport) -> QuerySet:
    """Managers and chairs whose scope covers the report, with an email address."""
    from django.contrib.auth import get_user_model

    covering = Q(council__isnull=True, region__isnull=True)
    if report.council_id:
        covering |= Q(council_id=report.council_id) | Q(
            council__isnull=True, region_id=report.council.region_id
        )
    elif report.region_id:
        covering |= Q(council__isnull=True, region_id=report.region_id)
    ids = (
        RoleAssignment.objects.active()
        .filter(covering, organisation_id=report.organisation_id)
        .filter(role__in=[Role.MANAGER, Role.CHAIR])
        .values("user_id")
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, id__in=ids)
        .exclude(email="")
        .order_by("display_name", "username")
    )


# ---------------------------------------------------------------------------
# Public pages


def public_council(org_slug: str, council_slug: str) -> Council | None:
    return (
        Council.objects.filter(
            organisation__slug=org_slug,
            organisation__is_active=True,
            slug=council_slug,
            is_active=True,
            public_page_enabled=True,
        )
        .select_related("organisation", "region")
        .first()
    )


def public_councils(org_slug: str) -> tuple[Organisation | None, QuerySet[Council]]:
    organisation = Organisation.objects.filter(slug=org_slug, is_active=True).first()
    if organisation is None:
        return None, Council.objects.none()
    return organisation, Council.objects.filter(
        organisation=organisation, is_active=True, public_page_enabled=True
    )


def latest_ready(
    *, council: Council, kind: str = GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET
) -> GeneratedReport | None:
    return (
        GeneratedReport.objects.filter(
            organisation_id=council.organisation_id,
            council=council,
            kind=kind,
            status=GeneratedReport.Status.READY,
        )
        .order_by("-period_end", "-created_at")
        .first()
    )


def councils_for_public_pages(organisation: Organisation, council_ids: set[int] | None):
    councils = Council.objects.filter(organisation=organisation, is_active=True).select_related(
        "region"
    )
    if council_ids is not None:
        councils = councils.filter(id__in=council_ids)
    return councils.annotate(
        ready_booklets=Count(
            "reports",
            filter=Q(
                reports__kind=GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET,
                reports__status=GeneratedReport.Status.READY,
            ),
            output_field=IntegerField(),
        )
    ).order_by("region__name", "name")
