"""Emails from surgeries. Each is sent by a task (``tasks.py``), started with
``councils.after_commit.after_commit`` once the write that calls for it has
committed; never inside a web request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import FeedbackItem


def safeguarding_notice_send(*, item_id: int) -> int:
    """Email the council's coordinators about a safeguarding concern. Safe to
    run twice: the first run claims the item with a conditional update.
    Returns how many were emailed.

    The email says where and when, never what was said: email is not the
    place for raw feedback."""
    claimed = FeedbackItem.objects.filter(
        pk=item_id,
        follow_up=FeedbackItem.FollowUp.SAFEGUARDING,
        follow_up_closed_at__isnull=True,
        follow_up_notified_at__isnull=True,
    ).update(follow_up_notified_at=timezone.now())
    if not claimed:
        return 0
    item = FeedbackItem.objects.select_related(
        "organisation", "council", "site", "theme", "logged_by"
    ).get(pk=item_id)
    recipients = [
        person.email for person in selectors.coordinators_of_council(item.council) if person.email
    ]
    if not recipients:
        return 0
    org = item.organisation.slug
    context = {
        "item": item,
        "link": settings.SITE_URL + reverse("followup_list", kwargs={"org_slug": org}),
        "close_link": settings.SITE_URL
        + reverse("followup_close", kwargs={"org_slug": org, "feedback_id": item.public_id}),
    }
    send_mail(
        subject=_("Safeguarding concern logged for %(council)s") % {"council": item.council},
        message=render_to_string("surgeries/email/safeguarding.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)
