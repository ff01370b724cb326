"""Involvement payments' pages, apart from expenses: the coordinator's list
and a rep's page (record benefits advice, add a payment), finance's list to
pay with its own CSV, and the rep's own payments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.models import Council
from councils.permissions import council_ids_where
from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import (
    AdviceForm,
    InvolvementCorrectForm,
    InvolvementPayForm,
    InvolvementPaymentForm,
    ReasonForm,
)
from ..money import pounds
from .common import csv_download, deny_unless


def _require_coordinator(request) -> set[int] | None:
    org = request.organisation
    deny_unless(
        access.may_manage_involvement_somewhere(request.user, org),
        _("Only coordinators manage involvement payments, where the organisation offers them."),
    )
    return council_ids_where(request.user, org, access.APPROVE)


@org_view
def involvement_overview(request):
    """The coordinator's list: each rep of their councils with the benefits
    advice in force, and the payments of those councils."""
    org = request.organisation
    ids = _require_coordinator(request)
    reps = list(selectors.reps_of_councils(org, ids))
    advice = selectors.advice_by_rep(org, [r.pk for r in reps])
    rows = [(rep, advice.get(rep.pk)) for rep in reps]
    payments = selectors.involvement_payments(org, ids).order_by("-activity_date", "-pk")[:100]
    return render(
        request,
        "expenses/involvement_overview.html",
        {"rows": rows, "payments": payments},
    )


def _rep_or_404(request, ids, person_id: str):
    rep = selectors.reps_of_councils(request.organisation, ids).filter(public_id=person_id).first()
    if rep is None:
        raise Http404("No such rep.")
    return rep


def _coordinator_and_rep(request, person_id: str):
    """The rep first, so that a person of another organisation is missing
    (404) whoever asks; then whether this person may manage their payments."""
    _rep_or_404(request, None, person_id)
    ids = _require_coordinator(request)
    return ids, _rep_or_404(request, ids, person_id)


def _councils(request, ids, rep):
    councils = Council.objects.filter(organisation=request.organisation, is_active=True)
    if ids is not None:
        councils = councils.filter(pk__in=ids)
    return [c for c in councils.order_by("name") if rep.has_perm(access.CLAIM, c)]


def _person_page(request, rep, ids, *, advice_form=None, payment_form=None):
    org = request.organisation
    councils = _councils(request, ids, rep)
    advice_form = advice_form or AdviceForm()
    payment_form = payment_form or InvolvementPaymentForm(
        councils=Council.objects.filter(pk__in=[c.pk for c in councils])
    )
    in_force = services.advice_in_force(org, rep)
    return render(
        request,
        "expenses/involvement_person.html",
        {
            "rep": rep,
            "advice": in_force,
            "advice_history": rep.benefits_advice.filter(organisation=org).select_related(
                "recorded_by"
            ),
            "blocked": services.payment_refusal_for_advice(in_force),
            "payments": selectors.involvement_payments(org, ids).filter(rep=rep),
            "advice_form": advice_form,
            "payment_form": payment_form,
            "rate": services.policy_for(org).involvement_hourly_rate_pence,
        },
    )


@org_view
def involvement_person(request, person_id: str):
    ids, rep = _coordinator_and_rep(request, person_id)
    return _person_page(request, rep, ids)


@org_view
@require_POST
def involvement_advice(request, person_id: str):
    ids, rep = _coordinator_and_rep(request, person_id)
    form = AdviceForm(request.POST)
    councils = _councils(request, ids, rep)
    if not councils:
        form.add_error(None, _("This rep is not a rep of a council you coordinate."))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.benefits_advice_record(
                council=councils[0],
                rep=rep,
                offered_on=data["offered_on"],
                choice=data["choice"],
                wants_payment=data["wants_payment"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Benefits advice recorded."))
            return redirect("expenses_involvement_person", request.organisation.slug, person_id)
    return _person_page(request, rep, ids, advice_form=form)


@org_view
@require_POST
def involvement_payment_new(request, person_id: str):
    ids, rep = _coordinator_and_rep(request, person_id)
    councils = Council.objects.filter(pk__in=[c.pk for c in _councils(request, ids, rep)])
    form = InvolvementPaymentForm(request.POST, councils=councils)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.involvement_payment_add(
                council=data["council"],
                rep=rep,
                activity_date=data["activity_date"],
                description=data["description"],
                hours=data["hours"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Involvement payment added. Finance will pay it."))
            return redirect("expenses_involvement_person", request.organisation.slug, person_id)
    return _person_page(request, rep, ids, payment_form=form)


# ---------------------------------------------------------------- finance


def _require_payer(request) -> None:
    deny_unless(
        access.may_pay_anywhere(request.user, request.organisation),
        _("Only the finance officer (or the admin, if there is none) pays."),
    )


def _to_pay_page(request, form=None):
    org = request.organisation
    payments = list(selectors.involvement_to_pay(org))
    advice = selectors.advice_by_rep(org, {p.rep_id for p in payments})
    for payment in payments:
        payment.blocked = services.payment_refusal_for_advice(advice.get(payment.rep_id))
    form = form or InvolvementPayForm(chosen=selectors.involvement_to_pay(org))
    return render(
        request,
        "expenses/involvement_to_pay.html",
        {
            "payments": payments,
            "form": form,
            "total_pence": sum(p.amount_pence for p in payments),
            "paid_recently": selectors.involvement_paid_recently(org),
        },
    )


@org_view
def involvement_to_pay(request):
    _require_payer(request)
    return _to_pay_page(request)


@org_view
@require_POST
def involvement_pay(request):
    _require_payer(request)
    org = request.organisation
    form = InvolvementPayForm(request.POST, chosen=selectors.involvement_to_pay(org))
    if form.is_valid():
        data = form.cleaned_data
        try:
            paid = services.involvement_payments_mark_paid(
                organisation=org,
                payments=list(data["payments"]),
                paid_on=data["paid_on"],
                method=data["method"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s involvement payment marked as paid.",
                    "%(count)s involvement payments marked as paid.",
                    len(paid),
                )
                % {"count": len(paid)},
            )
            return redirect("expenses_involvement_to_pay", org.slug)
    return _to_pay_page(request, form)


@org_view
def involvement_csv(request):
    """Involvement payments waiting, in their own file: never in the expenses CSV."""
    _require_payer(request)
    org = request.organisation
    payments = list(selectors.involvement_to_pay(org))
    response = csv_download(
        "involvement-payments-to-pay.csv",
        ["payment", "rep", "council", "activity_date", "hours", "rate", "amount", "status"],
        (
            [
                p.public_id,
                str(p.rep),
                p.council.name,
                p.activity_date.isoformat(),
                str(p.hours),
                pounds(p.rate_pence),
                pounds(p.amount_pence),
                p.status,
            ]
            for p in payments
        ),
        ["total", "", "", "", "", "", pounds(sum(p.amount_pence for p in payments)), ""],
    )
    services.involvement_exported(organisation=org, count=len(payments), actor=request.user)
    return response


# ---------------------------------------------------------------- one payment
# Recorded wrongly: a coordinator corrects or cancels it while it waits;
# finance records a paid one as paid in error. Nothing is ever deleted.


def _payment_or_404(request, payment_id: str):
    payment = (
        selectors.involvement_payments(request.organisation, None)
        .select_related("organisation", "advice")
        .filter(public_id=payment_id)
        .first()
    )
    if payment is None:
        raise Http404("No such payment.")
    deny_unless(
        access.may_see_involvement_payment(request.user, payment),
        _("Only coordinators of the rep's council and finance can see a payment for time."),
    )
    return payment


def _payment_page(request, payment, *, correct_form=None, reason_form=None):
    user = request.user
    may_change = access.involvement_change_refusal(user, payment) is None
    may_reverse = access.involvement_reverse_refusal(user, payment) is None
    if may_change and correct_form is None:
        correct_form = InvolvementCorrectForm(
            initial={
                "activity_date": payment.activity_date.isoformat(),
                "description": payment.description,
                "hours": payment.hours,
            }
        )
    return render(
        request,
        "expenses/involvement_payment.html",
        {
            "payment": payment,
            "history": payment.history.select_related("actor"),
            "may_change": may_change,
            "may_reverse": may_reverse,
            "correct_form": correct_form,
            "reason_form": reason_form or ReasonForm(),
        },
    )


def _back_to(request, payment):
    return redirect("expenses_involvement_payment", request.organisation.slug, payment.public_id)


@org_view
@require_http_methods(["GET", "POST"])
def involvement_payment(request, payment_id: str):
    payment = _payment_or_404(request, payment_id)
    if request.method == "GET":
        return _payment_page(request, payment)
    action = request.POST.get("action")
    user = request.user
    if action == "correct":
        deny_unless(
            access.involvement_change_refusal(user, payment) is None,
            access.involvement_change_refusal(user, payment) or "",
        )
        form = InvolvementCorrectForm(request.POST)
        if form.is_valid():
            try:
                services.involvement_payment_correct(
                    payment=payment, actor=user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Payment corrected."))
                return redirect(
                    "expenses_involvement_payment", request.organisation.slug, payment_id
                )
        return _payment_page(request, payment, correct_form=form)
    if action in ("cancel", "reverse"):
        refusal = (
            access.involvement_change_refusal(user, payment)
            if action == "cancel"
            else access.involvement_reverse_refusal(user, payment)
        )
        deny_unless(refusal is None, refusal or "")
        form = ReasonForm(request.POST)
        if form.is_valid():
            service = (
                services.involvement_payment_cancel
                if action == "cancel"
                else services.involvement_payment_reverse
            )
            try:
                service(payment=payment, reason=form.cleaned_data["reason"], actor=user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Payment cancelled.")
                    if action == "cancel"
                    else _("Payment recorded as paid in error."),
                )
                return redirect(
                    "expenses_involvement_payment", request.organisation.slug, payment_id
                )
        return _payment_page(request, payment, reason_form=form)
    # No action chosen (an empty form): show the page again.
    return _payment_page(request, payment)


# ---------------------------------------------------------------- the rep


@org_view
def involvement_mine(request):
    org = request.organisation
    deny_unless(
        access.involvement_enabled(org) and access.may_claim_anywhere(request.user, org),
        _("Your organisation does not offer involvement payments, or your role has none."),
    )
    return render(
        request,
        "expenses/involvement_mine.html",
        {
            "payments": selectors.involvement_of_rep(org, request.user),
            "advice": services.advice_in_force(org, request.user),
        },
    )
