"""Needs recorded on My details are acted on: whoever plans a meeting sees
who needs a BSL interpreter, Easy Read or large-print papers, childcare;
nobody else does. Reps who asked for another format are told in the papers
email that it is being prepared."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.models import AuditEvent, Role
from members.models import RepProfile
from members.needs import needs_of_people
from proposals import notifications
from proposals.models import Meeting
from tests.factories import user_with_role

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db

Need = RepProfile.AccessNeed


def _needs(user, codes, other=""):
    RepProfile.objects.filter(user=user).update(access_needs=codes, accessibility_needs=other)


@pytest.fixture
def reps(tenant_a):
    """Two reps of the council who need a BSL interpreter; one also wants
    Easy Read papers, the other uses a wheelchair."""
    ray = tenant_a["rep"]
    jo = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    _needs(ray, [Need.BSL, Need.EASY_READ])
    _needs(jo, [Need.BSL], other="A room I can get into in a wheelchair")
    return ray, jo


@pytest.fixture
def meeting(tenant_a, reps):
    meeting = MeetingFactory(
        council=tenant_a.council,
        chair=tenant_a["chair"],
        date=timezone.localdate() + dt.timedelta(days=20),
    )
    meeting.invited.set(reps)
    return meeting


def page(tenant_a, meeting) -> str:
    return f"/{tenant_a.organisation.slug}/meetings/{meeting.public_id}/"


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_whoever_plans_the_meeting_sees_who_needs_what(tenant_a, client_for, meeting, reps, role):
    ray, jo = reps
    response = client_for(tenant_a[role]).get(page(tenant_a, meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Support to arrange" in html
    assert "2 people need a BSL interpreter: book one." in html
    assert "1 person asked for Easy Read papers: prepare an Easy Read version." in html
    assert f"{jo}: A room I can get into in a wheelchair" in html
    # Each invited rep's needs as short tags beside their name.
    assert '<strong class="govuk-tag govuk-tag--blue">Easy Read papers</strong>' in html
    assert html.count('<strong class="govuk-tag govuk-tag--blue">BSL interpreter</strong>') == 2


@pytest.mark.parametrize("role", ["chair", "manager", "lead", "rep"])
def test_nobody_else_sees_the_needs(tenant_a, client_for, meeting, role):
    if role == "rep":
        meeting.kind = Meeting.Kind.HUB
        meeting.chair = None
        meeting.save()
    response = client_for(tenant_a[role]).get(page(tenant_a, meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Support to arrange" not in html
    assert "BSL interpreter" not in html
    assert "wheelchair" not in html


def test_a_coordinator_of_another_council_sees_no_needs_of_this_councils_reps(tenant_a, reps):
    elsewhere = user_with_role(
        tenant_a.organisation, Role.COORDINATOR, council=tenant_a.other_council
    )
    ids = [r.pk for r in reps]
    assert needs_of_people(viewer=elsewhere, organisation=tenant_a.organisation, user_ids=ids) == {}
    found = needs_of_people(
        viewer=tenant_a["coordinator"], organisation=tenant_a.organisation, user_ids=ids
    )
    assert found[reps[0].pk].tags == ["BSL interpreter", "Easy Read papers"]


def test_at_a_hub_meeting_with_nobody_named_the_councils_reps_are_counted(
    tenant_a, client_for, meeting
):
    meeting.kind = Meeting.Kind.HUB
    meeting.chair = None
    meeting.save()
    meeting.invited.clear()
    html = client_for(tenant_a["coordinator"]).get(page(tenant_a, meeting)).content.decode()
    assert "2 people need a BSL interpreter: book one." in html


def test_a_cancelled_meeting_asks_for_nothing(tenant_a, client_for, meeting):
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_reason = "The room flooded."
    meeting.save()
    html = client_for(tenant_a["coordinator"]).get(page(tenant_a, meeting)).content.decode()
    assert "Support to arrange" not in html


def test_reading_needs_is_not_audited_like_the_rep_record(tenant_a, client_for, meeting):
    """The rep record shows the same needs to the same people without an
    audit event (only restricted records are audited): the meeting page
    follows the same rule, so it writes nothing on a read."""
    client = client_for(tenant_a["coordinator"])
    before = AuditEvent.objects.count()
    client.get(page(tenant_a, meeting))
    assert AuditEvent.objects.count() == before


def test_the_meeting_page_costs_the_same_queries_however_many_need_support(
    tenant_a, client_for, meeting, reps
):
    client = client_for(tenant_a["coordinator"])
    client.get(page(tenant_a, meeting))
    with CaptureQueriesContext(connection) as few:
        client.get(page(tenant_a, meeting))
    more = [
        user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council) for _ in "abc"
    ]
    for person in more:
        _needs(person, [Need.LARGE_PRINT])
    meeting.invited.add(*more)
    with CaptureQueriesContext(connection) as many:
        response = client.get(page(tenant_a, meeting))
    assert "3 people asked for large print" in response.content.decode()
    assert len(many) == len(few)


def test_the_invitation_list_shows_each_persons_needs(tenant_a, client_for, meeting, reps):
    ray, _jo = reps
    edit = f"/{tenant_a.organisation.slug}/meetings/{meeting.public_id}/edit/"
    html = client_for(tenant_a["coordinator"]).get(edit).content.decode()
    assert "needs: BSL interpreter, Easy Read papers" in html
    assert "The support a person needs is after their name." in html
    new = (
        f"/{tenant_a.organisation.slug}/meetings/new/?council={tenant_a.council.public_id}&kind=hub"
    )
    html = client_for(tenant_a["coordinator"]).get(new).content.decode()
    assert "needs: BSL interpreter, Other support" in html


def test_the_papers_email_tells_a_rep_their_format_is_being_prepared(tenant_a, meeting, reps):
    ray, jo = reps
    _needs(jo, [Need.LARGE_PRINT])
    notifications.papers_due(meeting_id=meeting.pk)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Your coordinator is preparing an Easy Read version for you." in bodies[ray.email]
    assert "Your coordinator is preparing large-print papers for you." in bodies[jo.email]
    assert "preparing" not in bodies[tenant_a["chair"].email]


def test_my_details_explains_who_sees_the_support_a_rep_needs(tenant_a, client_for):
    html = (
        client_for(tenant_a["rep"])
        .get(f"/{tenant_a.organisation.slug}/my-details/change/")
        .content.decode()
    )
    assert "Other reps do not see it." in html
