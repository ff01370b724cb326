"""The meetings list: every meeting a person may see, each once, on exactly
one page of the past meetings."""

import datetime as dt
import re

from django.utils import timezone

from councils.models import Role
from proposals.models import Meeting
from tests.factories import user_with_role
from tests.proposals.factories import AgendaItemFactory, MeetingFactory


def listed_ids(body: str) -> list[str]:
    return re.findall(r'href="/[^/]+/meetings/([A-Za-z0-9_-]{11})/"', body)


def test_past_meetings_at_the_same_time_are_each_on_one_page(tenant_a, client_for):
    day = timezone.localdate() - dt.timedelta(days=10)
    made = [MeetingFactory(council=tenant_a.council, date=day) for _ in range(27)]
    client = client_for(tenant_a["coordinator"])
    base = f"/{tenant_a.organisation.slug}/meetings/"
    first, second = (client.get(base, {"page": n}).content.decode() for n in (1, 2))
    seen = listed_ids(first) + listed_ids(second)
    assert sorted(seen) == sorted(m.public_id for m in made)
    assert listed_ids(first) == [m.public_id for m in made[:20]], "in the order they were made"


def test_an_invited_person_sees_the_meeting_once_with_its_agenda_count(tenant_a, client_for):
    # A rep of another council: they see this council's hub meeting only
    # because they are invited to it.
    guest = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    hub = MeetingFactory(
        council=tenant_a.council,
        kind=Meeting.Kind.HUB,
        date=timezone.localdate() + dt.timedelta(days=3),
    )
    hub.invited.add(guest, tenant_a["coordinator"])
    AgendaItemFactory(meeting=hub)
    AgendaItemFactory(meeting=hub)
    other_hub = MeetingFactory(
        council=tenant_a.council,
        kind=Meeting.Kind.HUB,
        date=timezone.localdate() + dt.timedelta(days=4),
    )
    body = client_for(guest).get(f"/{tenant_a.organisation.slug}/meetings/").content.decode()
    assert listed_ids(body).count(hub.public_id) == 1
    assert other_hub.public_id not in listed_ids(body), "hub meetings are for reps and organisers"
    row = body[body.index(hub.public_id) :]
    row = row[: row.index("</tr>")]
    assert re.search(r'govuk-table__cell--numeric">2<', row), "two agenda items"
