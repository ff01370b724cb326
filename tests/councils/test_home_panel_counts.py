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
