"""The home panels' figures are counted with as few queries as they can be;
each must still equal the list it stands for."""

from __future__ import annotations

import re

import pytest

from proposals import selectors
from proposals.models import Meeting
from tests.proposals.conftest import make_meeting
from tests.proposals.factories import AgendaItemFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def panel(client, tenant, heading_id: str) -> str:
    body = client.get(f"/{tenant.organisation.slug}/").content.decode()
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', body, re.S)
    assert match, f"no {heading_id} panel"
    return match.group(0)


@pytest.mark.parametrize("waiting", [0, 3, 7])
def test_the_chair_sees_how_many_decisions_wait_beyond_the_first_five(
    tenant_a, client_for, waiting
):
    meeting = make_meeting(tenant_a, Meeting.Kind.COUNCIL)
    for _ in range(waiting):
        proposal = ProposalFactory(council=tenant_a.council, status="ready")
        AgendaItemFactory(meeting=meeting, kind="proposal", proposal=proposal)
    chair = tenant_a["chair"]
    everything = selectors.decisions_awaiting(organisation=tenant_a.organisation, user=chair)
    assert everything["waiting"].count() == waiting
    shown = panel(client_for(chair), tenant_a, "panel-decisions")
    assert shown.count("Record the decision on") == min(waiting, 5)
    assert f"<strong>{waiting}</strong> proposal" in shown


def test_the_latest_reports_are_named_by_kind_place_and_period(tenant_a, client_for):
    """The panel reads only what it shows of each report; each still names
    its own place (a council, a region or the whole organisation)."""
    from reports.models import GeneratedReport
    from tests.reports.factories import ReportFactory

    ready = GeneratedReport.Status.READY
    org = tenant_a.organisation
    reports = [
        ReportFactory(organisation=org, status=ready),
        ReportFactory(council=tenant_a.council, status=ready),
        ReportFactory(region=tenant_a.region, status=ready),
    ]
    shown = panel(client_for(tenant_a["manager"]), tenant_a, "panel-reports")
    for report in reports:
        label = f"{report.get_kind_display()} – {report.scope_label} – {report.period_label}"
        assert f'{report.public_id}/">{label}</a>' in shown
    assert org.name in shown and tenant_a.council.name in shown


def test_the_words_waiting_count_equals_the_queue_for_each_scope(tenant_a):
    """The panel counts with SQL built once a scope: it must equal the
    words-waiting count, organisation-wide and for one council."""
    import datetime as dt
    from types import SimpleNamespace

    from councils.models import Role
    from proposals import panels
    from tests.factories import user_with_role
    from tests.reports.factories import decided_proposal

    org = tenant_a.organisation
    for i, council in enumerate([tenant_a.council, tenant_a.other_council, tenant_a.council]):
        decided_proposal(
            council=council,
            chair=tenant_a["chair"],
            status="implemented",
            decided_on=dt.date(2025, 1, 10) + dt.timedelta(days=9 * i),
            implemented_on=dt.date(2025, 6, 1),
            we_did=f"We did thing {i}.",
            words_approved=False,
        )
    scoped = user_with_role(org, Role.COORDINATOR, council=tenant_a.council, username="words-one")
    for person, council_ids in [(tenant_a["coordinator"], None), (scoped, {tenant_a.council.pk})]:
        request = SimpleNamespace(organisation=org, user=person)
        for _ in range(2):
            count = panels.words_panel(request)["waiting_words"]
            assert count == selectors.waiting_words_count(org, council_ids)
        assert count == len(selectors.waiting_words(org, council_ids)) > 0
    assert (
        panels.words_panel(SimpleNamespace(organisation=org, user=scoped))["waiting_words"]
        < panels.words_panel(SimpleNamespace(organisation=org, user=tenant_a["coordinator"]))[
            "waiting_words"
        ]
    )


def test_the_reps_counts_of_a_council_coordinator_are_their_council_s(tenant_a):
    """The reps' counts are built once a day and scope: a coordinator of one
    council counts that council's reps, one of the whole organisation all."""
    from councils.models import Role
    from members import selectors as members
    from members.models import RepProfile
    from tests.factories import user_with_role

    org = tenant_a.organisation
    for i, council in enumerate([tenant_a.council, tenant_a.other_council, tenant_a.council]):
        user_with_role(org, Role.REP, council=council, username=f"scoped-rep-{i}")
    RepProfile.objects.filter(organisation=org).update(status=RepProfile.Status.ACTIVE)
    scoped = user_with_role(org, Role.COORDINATOR, council=tenant_a.council, username="reps-one")
    for person, council_ids in [(tenant_a["coordinator"], None), (scoped, [tenant_a.council.pk])]:
        active = RepProfile.objects.filter(organisation=org, status=RepProfile.Status.ACTIVE)
        if council_ids is not None:
            active = active.filter(council_id__in=council_ids)
        counts = members.reps_attention_counts(person, org)
        assert counts["rep_count"] == active.count() > 0
        assert counts["check_ins_overdue"] == len(members.check_ins_overdue(person, org))
        assert counts["falling_out"] == len(members.reps_falling_out(person, org))


def test_the_coordinator_s_next_meetings_and_overdue_actions_for_each_scope(tenant_a):
    """Read with SQL built once a day and scope: each must equal the ORM's,
    organisation-wide and for one council."""
    from types import SimpleNamespace

    from councils.models import Role
    from proposals import panels
    from tests.factories import user_with_role

    org = tenant_a.organisation
    import datetime as dt

    from django.utils import timezone

    from tests.proposals.factories import ActionPointFactory, MeetingFactory

    today = timezone.localdate()
    for days, council in enumerate([tenant_a.council, tenant_a.other_council] * 3):
        meeting = MeetingFactory(council=council, date=today + dt.timedelta(days=days - 2))
        ActionPointFactory(
            meeting=meeting, owner=tenant_a["lead"], due_on=today - dt.timedelta(days=days - 3)
        )
    scoped = user_with_role(org, Role.COORDINATOR, council=tenant_a.council, username="next-one")
    for person, council_ids in [(tenant_a["coordinator"], None), (scoped, {tenant_a.council.pk})]:
        shown = panels.coordinator_panel(SimpleNamespace(organisation=org, user=person))
        expected = Meeting.objects.filter(
            organisation=org, date__gte=today, cancelled_at__isnull=True
        ).order_by("date", "starts_at")
        if council_ids is not None:
            expected = expected.filter(council_id__in=council_ids)
        assert shown["next_meetings"] == list(expected[:3])
        assert all(m.council.name for m in shown["next_meetings"])
        assert shown["overdue_actions"] == (
            selectors.overdue_action_points(organisation=org, council_ids=council_ids).count()
        )
