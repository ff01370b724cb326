"""People: staff invitations, rep accounts and setup codes, roles, and the
rep's own first sign-in with a setup code."""

from __future__ import annotations

import uuid

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from councils.access import may_manage_staff
from councils.addresses import id_url
from councils.forms import add_service_errors
from councils.freshness import page_number, page_of, remember
from councils.models import RoleAssignment
from councils.selectors import user_has_totp
from councils.services import role_assign, role_end
from councils.tenancy import get_for_org, org_view

from .. import access, selectors, services
from ..forms import RepAccountForm, RepSetupForm, RoleAssignForm, StaffInviteForm
from ..limits import setup_attempt_allowed, setup_rate_limited


def _person_or_404(request, person_id: str):
    try:
        uuid.UUID(str(person_id))
    except ValueError as error:
        raise Http404("Not found.") from error
    person = selectors.person_for_org(request.organisation, person_id)
    if person is None:
        raise Http404("Not found.")
    return person


@org_view
def people_list(request):
    org = request.organisation
    access.require(access.may_see_people(request.user, org))
    number = page_number(request)
    # The same for everyone who may see the list (the whole organisation's
    # people), until someone's roles or account change (a sign-in too).
    rows, count = remember(org, "people_list", (number,), lambda: _people_rows(org, number))
    return render(
        request,
        "members/people_list.html",
        {
            "rows": mark_safe(rows),
            "people": page_of(count, PEOPLE_PER_PAGE, number),
            "can_manage_people": may_manage_staff(request.user, org),
            "can_create_reps": access.may_create_reps(request.user, org),
        },
    )


# Paged: an organisation has hundreds of reps.
PEOPLE_PER_PAGE = 50


def _people_rows(org, number: int) -> tuple[str, int]:
    people = Paginator(selectors.people_list_for_org(org), PEOPLE_PER_PAGE).get_page(number)
    rows = render_to_string(
        "members/_people_rows.html",
        {"people": people, "person_url": id_url("person_detail", org.slug)},
    )
    return rows, people.paginator.count


@org_view
def person_detail(request, person_id: str):
    org = request.organisation
    access.require(access.may_see_people(request.user, org))
    person = _person_or_404(request, person_id)
    profile = getattr(person, "rep_profile", None)
    is_rep = profile is not None and profile.organisation_id == org.pk
    return render(
        request,
        "members/person_detail.html",
        {
            "person": person,
            "can_manage_people": may_manage_staff(request.user, org),
            "is_rep": is_rep,
            "can_issue_code": is_rep and access.may_issue_setup_code(request.user, profile),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def staff_invite(request):
    org = request.organisation
    access.require(access.may_invite_staff(request.user, org))
    form = StaffInviteForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        region, council = form.cleaned_data["scope"]
        try:
            person = services.staff_invite(
                organisation=org,
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                role=form.cleaned_data["role"],
                region=region,
                council=council,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("Invitation sent to %(email)s.") % {"email": person.email}
            )
            return redirect("person_detail", org.slug, person.public_id)
    return render(request, "members/staff_invite.html", {"form": form})


@org_view
@require_http_methods(["GET", "POST"])
def rep_create(request):
    org = request.organisation
    access.require(access.may_create_reps(request.user, org))
    form = RepAccountForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        try:
            person, code = services.rep_account_create(
                organisation=org,
                council=form.cleaned_data["council"],
                display_name=form.cleaned_data["display_name"],
                contact_preference=form.cleaned_data["contact_preference"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _show_setup_code(request, person, code)
    return render(request, "members/rep_create.html", {"form": form})


def _show_setup_code(request, person, code: str):
    # Shown once, on a page made for printing; only a hash is stored.
    response = render(
        request,
        "members/setup_code.html",
        {"person": person, "code": code, "valid_days": services.SETUP_CODE_VALID_FOR.days},
    )
    response["Cache-Control"] = "no-store"
    return response


@org_view
@require_POST
def rep_new_code(request, person_id: str):
    person = _person_or_404(request, person_id)
    profile = getattr(person, "rep_profile", None)
    if profile is None or profile.organisation_id != request.organisation.pk:
        raise Http404("Not found.")
    code = services.rep_setup_code_issue(
        organisation=request.organisation, user=person, actor=request.user
    )
    return _show_setup_code(request, person, code)


@org_view
@require_http_methods(["GET", "POST"])
def role_assign_view(request):
    org = request.organisation
    access.require(may_manage_staff(request.user, org))
    people = selectors.people_for_org(org)
    initial = {"person": request.GET.get("person", "")}
    form = RoleAssignForm(request.POST or None, organisation=org, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        region, council = form.cleaned_data["scope"]
        try:
            role_assign(
                organisation=org,
                user=person,
                role=form.cleaned_data["role"],
                region=region,
                council=council,
                ends_on=form.cleaned_data["ends_on"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Role given to %(person)s.") % {"person": person})
            return redirect("person_detail", org.slug, person.public_id)
    return render(request, "members/role_assign.html", {"form": form})


@org_view
@require_POST
def role_end_view(request, assignment_id: str):
    assignment = get_for_org(RoleAssignment, request, public_id=assignment_id)
    try:
        role_end(assignment=assignment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("%(person)s no longer has the role %(role)s.")
            % {"person": assignment.user, "role": assignment},
        )
    return redirect("person_detail", request.organisation.slug, assignment.user.public_id)


@require_http_methods(["GET", "POST"])
def rep_setup(request):
    """A rep's first sign-in: username, the printed code, and a new password."""
    form = RepSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not setup_attempt_allowed(request, form.cleaned_data["username"]):
            return setup_rate_limited(request)
        try:
            user = services.rep_setup_code_redeem(
                username=form.cleaned_data["username"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if user_has_totp(user):
                messages.success(
                    request,
                    gettext("Your password is set. Enter the code from your authenticator app."),
                )
            else:
                messages.success(request, gettext("Your password is set. You are signed in."))
            # Through allauth's sign-in, not Django's login(): a person with an
            # authenticator is asked for it here like anywhere else.
            return perform_login(request, user, redirect_url=reverse("home"))
    return render(request, "members/rep_setup.html", {"form": form})


@login_required
def account_settings(request):
    return render(
        request, "members/account_settings.html", {"has_totp": user_has_totp(request.user)}
    )
