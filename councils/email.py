"""Sending one email to each of a list of people: the piece every app's
``notifications.py`` shares. Called only from tasks, never in a request."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.mail import send_mail
from django.template.loader import render_to_string

# Other ways to reach a person who does not want email: each takes (person,
# subject, body) and returns True when it took the message (a rep who
# prefers post gets a letter: members.services.letter_instead_of_email).
# Registered by the apps that offer them, so this module depends on none.
_DIVERSIONS: list[Callable[[object, str, str], bool]] = []


def register_diversion(diversion: Callable[[object, str, str], bool]) -> None:
    if diversion not in _DIVERSIONS:
        _DIVERSIONS.append(diversion)


def email_people(*, people: Iterable, subject: str, template: str, context: dict) -> int:
    """Email each active person with an address once, with ``person`` added
    to the template's context. A person who asked for another way (post)
    gets the same words that way instead. Returns how many were emailed."""
    sent = 0
    seen = set()
    for person in people:
        if person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        body = render_to_string(template, {**context, "person": person})
        if any(diversion(person, subject, body) for diversion in _DIVERSIONS):
            continue
        if not person.email:
            continue
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[person.email])
        sent += 1
    return sent
