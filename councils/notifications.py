"""Emails from the base app. Called by ``councils.tasks`` once the write
that asked for them has committed, never inside a web request."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from .email import email_people
from .models import ProblemReport, Role, RoleAssignment


def problem_reported(report_id: int) -> int:
    """Tell the organisation's coordinators and admins that someone reported
    a problem. The email holds a link, not the words: they are read in the
    product, where the page is restricted."""
    report = ProblemReport.objects.select_related("organisation").filter(pk=report_id).first()
    if report is None:
        return 0
    organisation = report.organisation
    readers = (
        RoleAssignment.objects.active()
        .filter(organisation=organisation, role__in=[Role.COORDINATOR, Role.ADMIN])
        .values("user")
    )
    people = get_user_model().objects.filter(pk__in=readers).order_by("pk")
    link = settings.SITE_URL + reverse("problem_reports", kwargs={"org_slug": organisation.slug})
    with translation.override(settings.LANGUAGE_CODE):
        return email_people(
            people=people,
            subject=gettext("Someone reported a problem with Said and Done"),
            template="councils/email/problem_reported.txt",
            context={"organisation": organisation, "link": link},
        )
