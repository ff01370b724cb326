"""Helpers shared by the surgeries pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from councils.forms import add_service_errors
from councils.periods import Period, custom_period, period_named
from councils.permissions import can_anywhere

from .. import selectors, services
from ..forms import new_token
from ..models import FeedbackItem, Surgery


def require_anywhere(request, perm: str, message) -> None:
    """Lists are filtered by scope afterwards; this refuses someone who may
    not do this anywhere in the organisation."""
    if not can_anywhere(request.user, request.organisation, perm):
        raise PermissionDenied(str(message))


def surgery_or_404(request, surgery_id: str) -> Surgery:
    surgery = selectors.surgery_for_page(request.organisation, surgery_id)
    if surgery is None:
        raise Http404("Not found.")
    return surgery


def item_or_404(request, feedback_id: str) -> FeedbackItem:
    item = selectors.feedback_item_for_page(request.organisation, feedback_id)
    if item is None:
        raise Http404("Not found.")
    return item


def redirect_saved(url_name: str, request, item: FeedbackItem, *args):
    """Back to a fresh form. ``saved`` tells the page's script that the draft
    it kept for this token is safely stored and can be forgotten."""
    url = reverse(url_name, args=[request.organisation.slug, *args])
    if item.submission_token:
        url += "?" + urlencode({"saved": item.submission_token})
    return redirect(url)


def feedback_saved_message(item: FeedbackItem, created: bool) -> str:
    if not created:
        return _(
            "This feedback was saved already: %(theme)s, logged at %(time)s. "
            "It has not been added twice."
        ) % {"theme": item.theme, "time": services.logged_time(item)}
    if item.follow_up == FeedbackItem.FollowUp.SAFEGUARDING:
        return _("Feedback saved. The coordinators have been told about the safeguarding concern.")
    return _("Feedback saved. Thank you.")


def add_feedback_errors(form, error) -> None:
    """The service's errors beside the fields. New words sent under a used
    token stay in the form with a fresh token, so saving again makes a new
    item instead of being taken for the old one."""
    add_service_errors(form, error)
    if getattr(error, "code", None) == services.TOKEN_USED:
        form.data = form.data.copy()
        form.data["submission_token"] = new_token()


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def proposal_link(request, council) -> str | None:
    """The proposals app adds "Draft a proposal from these"; until it exists
    there is no link."""
    try:
        url = reverse("proposal_new", args=[request.organisation.slug])
    except NoReverseMatch:
        return None
    return f"{url}?from_selection={council.public_id}"


def period_from(form, default: str) -> Period:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if data.get("date_from") and data.get("date_to"):
        return custom_period(data["date_from"], data["date_to"])
    return period_named(data.get("period") or default)
