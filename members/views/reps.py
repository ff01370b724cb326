"""The coordinator's Reps area (referrals, eligibility, status, restricted
records, check-ins, letters) and a rep's own "My details" page.

Thin: each view finds the object in this organisation (404 otherwise), asks
``members.access``, calls a service or selector and renders."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from councils.addresses import id_url
from councils.forms import add_service_errors
from councils.freshness import page_number, page_of, remember
from councils.models import Council
from councils.permissions import council_ids_where
from councils.tenancy import get_for_org, org_view

from .. import access, eligibility, selectors, services
from ..forms import (
    BoundariesForm,
    CheckInForm,
    EligibilityDecisionForm,
    LicenceConditionForm,
    MyDetailsForm,
    OrderEndForm,
    ReferralForm,
    ReferralStatusForm,
    RepStatusForm,
    SuitabilityForm,
)
from ..models import Letter, Referral, RepProfile


def _rep(request, rep_id: str) -> RepProfile:
    profile = get_for_org(
        RepProfile.objects.select_related("user", "council"), request, public_id=rep_id
    )
    return profile


def _managed_rep(request, rep_id: str) -> RepProfile:
    profile = _rep(request, rep_id)
    access.require(access.may_manage_rep(request.user, profile), access.REFUSE_MANAGE_REP)
    return profile


def _restricted_rep(request, rep_id: str) -> RepProfile:
    profile = _rep(request, rep_id)
    access.require(access.may_see_restricted(request.user, profile), access.REFUSE_RESTRICTED)
    return profile


def _back_to_rep(request, profile: RepProfile, anchor: str = ""):
    return redirect("rep_record", request.organisation.slug, profile.public_id)


def _back_to_restricted(request, profile: RepProfile):
    return redirect("rep_restricted", request.organisation.slug, profile.public_id)


def _eligibility(profile: RepProfile, today) -> dict:
    return {
        "until": eligibility.eligible_until(profile.order_ends_on),
        "eligible": eligibility.is_eligible(profile.order_ends_on, today),
        "days_left": eligibility.days_left(profile.order_ends_on, today),
        "soon": eligibility.falls_out_soon(profile.order_ends_on, today),
    }


REPS_PER_PAGE = 50


def _with_addresses(reps, address: Callable[[str], str], attribute: str) -> None:
    for rep in reps:
        setattr(rep, attribute, address(rep.public_id))


@org_view
def reps_home(request):
    """What needs the coordinator's attention, then every rep."""
    org = request.organisation
    access.require(access.may_create_reps(request.user, org), access.REFUSE_MANAGE_REP)
    number = page_number(request)
    # The same for everyone who coordinates (and may read the restricted
    # records of) the same councils, until the reps' data changes.
    scope = selectors.reps_scope(request.user, org)
    restricted = scope[1] is not False
    parts = remember(
        org,
        "reps_home",
        (scope, number),
        lambda: _reps_home_parts(request.user, org, restricted, number),
    )
    if restricted:
        # These lists come from restricted records: each rep named is a read,
        # on every view (remembered or not).
        services.restricted_records_listed(
            organisation=org,
            actor=request.user,
            lists={
                what: [
                    RepProfile(pk=pk, public_id=public_id, organisation_id=org.pk, council_id=c)
                    for pk, public_id, c in named
                ]
                for what, named in parts["named"].items()
            },
        )
    return render(
        request,
        "members/reps/home.html",
        {
            "body": mark_safe(parts["body"]),
            # What the links to other pages need (the rows are in ``body``).
            "page": page_of(parts["count"], REPS_PER_PAGE, number),
        },
    )


def _reps_home_parts(user, org, restricted: bool, number: int) -> dict:
    """The reps page's content but its links to other pages, and the reps it
    names from restricted records (for the audit log)."""
    today = timezone.localdate()
    reviews_due = check_ins_overdue = []
    if restricted:
        reviews_due, check_ins_overdue = selectors.reps_due_a_review_or_check_in(user, org, today)
    # Every rep of the organisation was one page (89 KB for 170 reps):
    # 50 a page, with links to the rest.
    page = Paginator(selectors.reps_for(user, org), REPS_PER_PAGE).get_page(number)
    reps = list(page.object_list)
    for rep in reps:
        rep.eligible_until = eligibility.eligible_until(rep.order_ends_on)
        rep.eligible = eligibility.is_eligible(rep.order_ends_on, today)
    falling_out, past_eligibility = selectors.reps_awaiting_eligibility_decision(user, org, today)
    record = id_url("rep_record", org.slug)
    for listed in (reps, falling_out, past_eligibility):
        _with_addresses(listed, record, "record_url")
    restricted_record = id_url("rep_restricted", org.slug)
    for listed in (reviews_due, check_ins_overdue):
        _with_addresses(listed, restricted_record, "restricted_url")
    # Every active rep can be on this list: its words translated once, not
    # a blocktranslate a row.
    last_check_in, no_check_in = gettext("last check-in %(day)s"), gettext("no check-in yet")
    for rep in check_ins_overdue:
        rep.check_in_words = (
            last_check_in % {"day": date_format(rep.last_check_in, "j F Y")}
            if rep.last_check_in
            else no_check_in
        )
    body = render_to_string(
        "members/reps/_home_body.html",
        {
            "organisation": org,
            "reps": reps,
            "page": page,
            "falling_out": falling_out,
            "past_eligibility": past_eligibility,
            "to_contact": selectors.referrals_for(user, org, Referral.Status.TO_CONTACT).count(),
            "letters": selectors.letters_to_post_count(user, org),
            "restricted": restricted,
            "reviews_due": reviews_due,
            "check_ins_overdue": check_ins_overdue,
            "check_in_weeks": selectors.CHECK_IN_EVERY_WEEKS,
            "warning_days": eligibility.FALLING_OUT_WARNING_DAYS,
        },
    )
    return {
        "body": body,
        "count": page.paginator.count,
        "named": {
            what: [(rep.pk, rep.public_id, rep.council_id) for rep in listed]
            for what, listed in (("reviews due", reviews_due), ("check-ins due", check_ins_overdue))
        },
    }


# ---------------------------------------------------------------- referrals


def _councils_for(request):
    ids = council_ids_where(request.user, request.organisation, "members.manage_reps")
    councils = Council.objects.filter(organisation=request.organisation, is_active=True)
    return councils if ids is None else councils.filter(pk__in=ids)


@org_view
def referral_list(request):
    org = request.organisation
    access.require(access.may_work_referrals(request.user, org), access.REFUSE_REFERRALS)
    status = request.GET.get("status", Referral.Status.TO_CONTACT)
    if status not in Referral.Status.values and status != "all":
        status = Referral.Status.TO_CONTACT
    referrals = selectors.referrals_for(request.user, org, None if status == "all" else status)
    return render(
        request,
        "members/reps/referral_list.html",
        {
            "referrals": referrals,
            "status": status,
            "statuses": Referral.Status.choices,
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def referral_new(request):
    org = request.organisation
    access.require(access.may_work_referrals(request.user, org), access.REFUSE_REFERRALS)
    form = ReferralForm(request.POST or None, councils=_councils_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                organisation=org, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Referral saved. They are on the list to contact."))
            return redirect("referral_detail", org.slug, referral.public_id)
    return render(request, "members/reps/referral_form.html", {"form": form})


@org_view
@require_http_methods(["GET", "POST"])
def referral_detail(request, referral_id: str):
    org = request.organisation
    referral = get_for_org(
        Referral.objects.select_related("council"), request, public_id=referral_id
    )
    access.require(access.may_change_referral(request.user, referral), access.REFUSE_REFERRALS)
    form = ReferralStatusForm(request.POST or None, initial={"status": referral.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_set_status(
                referral=referral, status=form.cleaned_data["status"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Saved."))
            return redirect("referral_list", org.slug)
    return render(
        request, "members/reps/referral_detail.html", {"referral": referral, "form": form}
    )


# ------------------------------------------------------------ a rep's record


@org_view
def rep_record(request, rep_id: str):
    profile = _managed_rep(request, rep_id)
    today = timezone.localdate()
    return render(
        request,
        "members/reps/rep_record.html",
        {
            "profile": profile,
            "person": profile.user,
            "history": profile.status_changes.select_related("recorded_by"),
            "decisions": profile.eligibility_decisions.select_related("recorded_by"),
            "eligibility": _eligibility(profile, today),
            "can_see_restricted": access.may_see_restricted(request.user, profile),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def rep_status(request, rep_id: str):
    profile = _managed_rep(request, rep_id)
    statuses = [s for s in services.CHANGEABLE_STATUSES if s != profile.status]
    form = RepStatusForm(request.POST or None, statuses=statuses)
    if request.method == "POST" and form.is_valid():
        try:
            services.rep_status_change(profile=profile, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Status saved."))
            return _back_to_rep(request, profile)
    return render(
        request,
        "members/reps/rep_form.html",
        {
            "profile": profile,
            "form": form,
            "title": gettext("Change status"),
            "button": gettext("Save status"),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def rep_order_end(request, rep_id: str):
    profile = _managed_rep(request, rep_id)
    form = OrderEndForm(
        request.POST or None,
        initial={
            "order_ends_on": profile.order_ends_on.isoformat() if profile.order_ends_on else None
        },
    )
    if request.method == "POST" and form.is_valid():
        services.rep_order_end_record(
            profile=profile, order_ends_on=form.cleaned_data["order_ends_on"], actor=request.user
        )
        messages.success(request, gettext("Order or licence end date saved."))
        return _back_to_rep(request, profile)
    return render(
        request,
        "members/reps/rep_form.html",
        {
            "profile": profile,
            "form": form,
            "title": gettext("Order or licence end date"),
            "button": gettext("Save the date"),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def rep_eligibility_decision(request, rep_id: str):
    profile = _managed_rep(request, rep_id)
    form = EligibilityDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.eligibility_decision_record(
                profile=profile, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Decision saved."))
            return _back_to_rep(request, profile)
    return render(
        request,
        "members/reps/rep_form.html",
        {
            "profile": profile,
            "form": form,
            "title": gettext("What happens as eligibility ends"),
            "button": gettext("Save the decision"),
            "eligibility": _eligibility(profile, timezone.localdate()),
        },
    )


# -------------------------------------------------------- restricted records


@org_view
def rep_restricted(request, rep_id: str):
    """Suitability, licence conditions, boundaries and check-ins. Every read
    is written to the audit log."""
    profile = _rep(request, rep_id)
    services.restricted_record_read(profile=profile, actor=request.user)
    return render(
        request,
        "members/reps/restricted.html",
        {
            "profile": profile,
            "person": profile.user,
            "suitability": profile.suitability_decisions.select_related("recorded_by"),
            "conditions": profile.conditions.select_related("site", "council", "recorded_by"),
            "boundaries": profile.boundaries_agreements.select_related("recorded_by"),
            "check_ins": profile.check_ins.select_related("recorded_by"),
        },
    )


def _restricted_form(request, rep_id, form_class, service, title, button, **form_kwargs):
    profile = _restricted_rep(request, rep_id)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(profile=profile, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Saved."))
            return _back_to_restricted(request, profile)
    return render(
        request,
        "members/reps/rep_form.html",
        {"profile": profile, "form": form, "title": title, "button": button, "restricted": True},
    )


@org_view
@require_http_methods(["GET", "POST"])
def rep_suitability(request, rep_id: str):
    return _restricted_form(
        request,
        rep_id,
        SuitabilityForm,
        services.suitability_record,
        gettext("Suitability decision"),
        gettext("Save the decision"),
    )


@org_view
@require_http_methods(["GET", "POST"])
def rep_condition_new(request, rep_id: str):
    return _restricted_form(
        request,
        rep_id,
        LicenceConditionForm,
        services.licence_condition_add,
        gettext("Add a licence condition that limits involvement"),
        gettext("Save the condition"),
        organisation=request.organisation,
    )


@org_view
@require_http_methods(["GET", "POST"])
def rep_boundaries(request, rep_id: str):
    return _restricted_form(
        request,
        rep_id,
        BoundariesForm,
        services.boundaries_record,
        gettext("Boundaries agreement signed"),
        gettext("Save the date"),
    )


@org_view
@require_http_methods(["GET", "POST"])
def rep_check_in_new(request, rep_id: str):
    return _restricted_form(
        request,
        rep_id,
        CheckInForm,
        services.check_in_record,
        gettext("Record a check-in"),
        gettext("Save the check-in"),
    )


# ------------------------------------------------------------------ letters


@org_view
def letters_list(request):
    """Letters to print and post to reps who prefer post."""
    org = request.organisation
    access.require(access.may_create_reps(request.user, org), access.REFUSE_MANAGE_REP)
    return render(
        request,
        "members/reps/letters.html",
        {"letters": selectors.letters_to_post(request.user, org)},
    )


@org_view
@require_POST
def letter_posted(request, letter_id: str):
    letter = get_for_org(Letter.objects.select_related("person"), request, public_id=letter_id)
    access.require(
        access.may_create_reps(request.user, request.organisation), access.REFUSE_MANAGE_REP
    )
    if services.letter_mark_posted(letter=letter, actor=request.user):
        messages.success(request, gettext("Marked as posted."))
    else:
        messages.info(request, gettext("That letter was marked as posted already."))
    return redirect("letters_list", request.organisation.slug)


# ------------------------------------------------------- a rep's own details


def _own_profile(request) -> RepProfile:
    profile = (
        RepProfile.objects.filter(organisation=request.organisation, user=request.user)
        .select_related("council", "user")
        .first()
    )
    access.require(
        access.may_see_own_details(request.user, profile),
        gettext("This page is for reps: it shows what we hold about you."),
    )
    return profile


@org_view
def my_details(request):
    """Everything held about the rep, except restricted staff records (the
    page says they exist and how many)."""
    profile = _own_profile(request)
    today = timezone.localdate()
    return render(
        request,
        "members/reps/my_details.html",
        {
            "profile": profile,
            "person": request.user,
            "history": profile.status_changes.all(),
            "eligibility": _eligibility(profile, today),
            "restricted_counts": selectors.restricted_counts(profile),
            "letters": profile.user.letters.all(),
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def my_details_change(request):
    profile = _own_profile(request)
    initial = {name: getattr(profile, name) for name in services.reps.OWN_DETAIL_FIELDS}
    initial["email"] = request.user.email
    form = MyDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.my_details_update(profile=profile, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Your details are saved."))
            return redirect("my_details", request.organisation.slug)
    return render(request, "members/reps/my_details_form.html", {"form": form})
