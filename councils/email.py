"""Sending one email to each of a list of people: the piece every app's
``notifications.py`` shares. Called only from tasks, never in a request."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail
from django.template.loader import render_to_string


def email_people(*, people: Iterable, subject: str, template: str, context: dict) -> int:
    """Email each active person with an address once, with ``person`` added
    to the template's context. Returns how many were emailed."""
    sent = 0
    seen = set()
    for person in people:
        if not person.email or person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        body = render_to_string(template, {**context, "person": person})
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[person.email])
        sent += 1
    return sent
