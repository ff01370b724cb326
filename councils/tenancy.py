"""Resolving the organisation in the URL, once per request.

A person with no current role in the organisation gets 404, never 403: a
foreign tenant's pages must look exactly like pages that do not exist.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .models import Organisation
from .permissions import active_assignments


def organisation_for_request(request, org_slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=org_slug, is_active=True).first()
    if organisation is None:
        raise Http404("No such organisation.")
    assignments = active_assignments(request.user, organisation.pk)
    if not assignments:
        raise Http404("No such organisation.")
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
        organisation_for_request(request, org_slug)
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
