"""Resolving the organisation in the URL, once per request.

A person with no current role in the organisation gets 404, never 403: a
foreign tenant's pages must look exactly like pages that do not exist.
"""

from __future__ import annotations

from functools import wraps

from allauth.account.authentication import get_authentication_records
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from .freshness import serving
from .models import STAFF_ROLES, Organisation
from .permissions import assignments_by_slug

# Set when a person proves they hold their device in this session by
# activating it (allauth records the sign-in step itself).
SECOND_FACTOR_SESSION_KEY = "second_factor_passed_for"


def mark_second_factor_passed(session, user) -> None:
    """Record that this session's person has just used their authenticator."""
    session[SECOND_FACTOR_SESSION_KEY] = str(user.pk)


def session_passed_second_factor(request) -> bool:
    """Did this session's sign-in use the second factor? Having a device is
    not enough: a sign-in that skipped it (a setup code, an old session from
    before a staff role was given) has not."""
    user = request.user
    if not user.is_authenticated or not hasattr(request, "session"):
        return False
    if request.session.get(SECOND_FACTOR_SESSION_KEY) == str(user.pk):
        return True
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def second_factor_response(request):
    """For a staff person whose session has not passed the second factor:
    set up an authenticator, or sign in again so that allauth asks for it.
    ``None`` when nothing is needed."""
    from .selectors import user_staff_and_totp

    user = request.user
    if not user.is_authenticated:
        return None
    # Both facts in one query: this runs on every signed-in page.
    is_staff, has_totp = user_staff_and_totp(user)
    if not is_staff:
        return None
    if not has_totp:
        return redirect("mfa_activate_totp")
    if session_passed_second_factor(request):
        return None
    next_path = request.get_full_path()
    logout(request)
    return redirect_to_login(next_path)


class SecondFactorRequired(Exception):
    """A staff role was about to be used by a session without the second factor."""


def organisation_for_request(request, org_slug: str) -> Organisation:
    assignments = assignments_by_slug(request.user, org_slug)
    if not assignments:
        # No such organisation, an inactive one, or no current role in it:
        # all three look the same.
        raise Http404("No such organisation.")
    organisation = assignments[0].organisation
    if {a.role for a in assignments} & STAFF_ROLES and not session_passed_second_factor(request):
        # The middleware sends such a person to the second factor first; this
        # is the backstop, so a staff role is never used without it.
        raise SecondFactorRequired
    request.organisation = organisation
    request.role_assignments = assignments
    request.roles = {a.role for a in assignments}
    return organisation


def org_view(view):
    """Decorate a view under ``/<org_slug>/``: the user must be signed in and
    hold a current role in that organisation. The view receives the request
    with ``request.organisation`` set, and not the slug."""

    @wraps(view)
    def wrapper(request, org_slug: str, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            organisation = organisation_for_request(request, org_slug)
        except SecondFactorRequired:
            return second_factor_response(request)
        with serving(organisation.pk):
            return view(request, *args, **kwargs)

    wrapper.org_view = True
    return wrapper


def get_for_org(queryset_or_model, request, **lookup):
    """Fetch one object of the request's organisation, or 404."""
    manager = getattr(queryset_or_model, "objects", queryset_or_model)
    obj = manager.filter(organisation=request.organisation, **lookup).first()
    if obj is None:
        raise Http404("Not found.")
    return obj


def national_view(view):
    """Decorate a page of the national picture: only a current national
    viewer, who has passed the second factor, may open it; anyone else gets
    404, as for a foreign organisation's page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from .access import is_national_viewer
        from .selectors import user_has_totp

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_national_viewer(request.user):
            raise Http404("No such page.")
        if not user_has_totp(request.user):
            return redirect("mfa_activate_totp")
        if not session_passed_second_factor(request):
            next_path = request.get_full_path()
            logout(request)
            return redirect_to_login(next_path)
        return view(request, *args, **kwargs)

    return wrapper
