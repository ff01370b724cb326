"""Demo proposals, meetings, decisions and implementation, across the last two
quarters, drawn from DOMAIN.md's examples.

Everything goes through the real services (with ``at=`` set to when it
happened), so the timelines, audit log and figures are exactly what the
product would have recorded. Most proposals are accepted and most of those
are done; some were not accepted, with reasons; one is deferred, one replaced,
one withdrawn; a few are in progress (one with an update overdue) and there
are drafts waiting for the next hub meeting.

Idempotent: an organisation that already has proposals is left alone.
Deterministic: dates are fixed fractions of the two quarters.

One module per part of the story: ``story`` holds the steps; Ashford Vale's
three rounds and the other councils each have their own.
"""

from __future__ import annotations

from django.utils import timezone

from councils.after_commit import notifications_paused
from councils.models import Council
from councils.periods import last_quarter


def seed(context: dict) -> None:
    from surgeries.models import Theme

    from ..models import Proposal
    from .ashford_vale_first import first_round
    from .ashford_vale_second import second_round
    from .ashford_vale_third import third_round
    from .other_councils import drafts_elsewhere, fenmouth
    from .story import Story
    from .wording import read_words

    people = context["people"]
    today = timezone.localdate()
    start = last_quarter(today).start
    span = (today - start).days
    # History: nothing that "happened" months ago should email anyone today.
    with notifications_paused():
        for org in context["organisations"]:
            if Proposal.objects.filter(organisation=org).exists():
                continue
            themes = {t.name: t for t in Theme.objects.filter(organisation=org)}
            if org.slug == "northmoor":
                council = Council.objects.get(organisation=org, slug="ashford-vale")
                story = Story(council, _people(people, "nm"), start, span, themes)
                board = first_round(story)
                second_round(story, board)
                third_round(story)
                drafts_elsewhere(org, people, themes, start, span)
            elif org.slug == "southfen":
                council = Council.objects.get(organisation=org, slug="fenmouth")
                fenmouth(Story(council, _people(people, "sf"), start, span, themes))
        # A coordinator reads the words before the documents print them.
        for org in context["organisations"]:
            prefix = {"northmoor": "nm", "southfen": "sf"}.get(org.slug)
            if prefix:
                read_words(org, people[f"{prefix}-coordinator"])


def _people(people: dict, prefix: str) -> dict:
    return {
        key.removeprefix(f"{prefix}-"): user
        for key, user in people.items()
        if key.startswith(f"{prefix}-")
    }
