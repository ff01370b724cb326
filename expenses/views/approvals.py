"""Coordinators' pages: claims waiting, a claim's page with approve / ask a
question / do not approve, and advances."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from councils.forms import add_service_errors
from councils.freshness import remember_html
from councils.models import Council
from councils.permissions import council_ids_where
from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import AdvanceForm, DecisionForm, PayForm, ReconcileForm
from ..models import ClaimStatus
from .common import claim_or_404, deny_unless


def claim_page(request, claim, *, decision_form=None, reconcile_form=None, pay_form=None):
    """A claim: its costs, history, and the actions this person may take."""
    org, user = request.organisation, request.user
    target = selectors.target_days(org)
    selectors.mark_ages([claim], target=target)
    may_decide = access.decide_refusal(user, claim) is None
    may_pay = access.pay_refusal(user, claim) is None
    may_reconcile = access.may_give_advance(user, claim.council) and claim.status not in (
        ClaimStatus.PAID,
        ClaimStatus.REJECTED,
    )
    open_advances = selectors.advances_open_for_claim(claim) if may_reconcile else None
    if may_decide and decision_form is None:
        decision_form = DecisionForm()
    if may_reconcile and reconcile_form is None and open_advances.exists():
        reconcile_form = ReconcileForm(advances=open_advances)
    if may_pay and pay_form is None:
        pay_form = PayForm(
            chosen=selectors.claims_to_pay(org).filter(pk=claim.pk),
            initial={"claims": [claim.public_id]},
        )
    threshold = services.policy_for(org).second_approval_above_pence
    return render(
        request,
        "expenses/claim_detail.html",
        {
            "claim": claim,
            "lines": claim.lines.all(),
            "history": claim.history.all(),
            "advances": claim.advances.all(),
            "owed_pence": claim.total_pence - claim.advanced_pence,
            "may_edit": access.edit_refusal(user, claim) is None,
            "decision_form": decision_form if may_decide else None,
            "needs_second": claim.total_pence > threshold,
            "reconcile_form": reconcile_form if may_reconcile else None,
            "pay_form": pay_form if may_pay else None,
            "target": target,
        },
    )


@org_view
def claims_waiting(request):
    org = request.organisation
    deny_unless(
        access.may_approve_somewhere(request.user, org),
        _("Only coordinators approve expense claims."),
    )
    ids = council_ids_where(request.user, org, access.APPROVE)
    # The same for everyone who approves for the same councils, until a
    # claim or an advance changes (and each day: the claims' ages).
    body = remember_html(org, "claims_waiting", (ids,), lambda: _claims_waiting_body(org, ids))
    return render(request, "expenses/claims_waiting.html", {"body": body})


def _claims_waiting_body(org, ids) -> str:
    target = selectors.target_days(org)
    claims = selectors.mark_ages(selectors.claims_waiting_in(org, ids), target=target)
    return render_to_string(
        "expenses/_claims_waiting_body.html",
        {
            "organisation": org,
            "claims": claims,
            "target": target,
            "open_advances": selectors.advances_open(org, ids),
            "today": timezone.localdate(),
        },
    )


@org_view
@require_POST
def claim_decide(request, claim_id: str):
    claim = claim_or_404(request, claim_id)
    refusal = access.decide_refusal(request.user, claim)
    deny_unless(refusal is None, refusal or "")
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                claim = services.claim_approve(claim=claim, actor=request.user)
                if claim.status == ClaimStatus.APPROVED:
                    messages.success(request, _("Claim approved. Finance will pay it."))
                else:
                    messages.success(
                        request, _("First approval given. A second approver is needed.")
                    )
            elif data["decision"] == "query":
                services.claim_query(claim=claim, question=data["question"], actor=request.user)
                messages.success(request, _("Your question has been sent to the rep."))
            else:
                services.claim_reject(claim=claim, reason=data["reason"], actor=request.user)
                messages.success(
                    request, _("The claim is not approved. The rep has been told why.")
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("expenses_waiting", request.organisation.slug)
    return claim_page(request, claim, decision_form=form)


@org_view
@require_POST
def claim_reconcile(request, claim_id: str):
    claim = claim_or_404(request, claim_id)
    deny_unless(
        access.may_give_advance(request.user, claim.council),
        _("Only a coordinator of this council can reconcile advances."),
    )
    form = ReconcileForm(request.POST, advances=selectors.advances_open_for_claim(claim))
    if form.is_valid():
        try:
            services.advance_reconcile(
                advance=form.cleaned_data["advance"], claim=claim, actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Advance set against this claim."))
            return redirect("expenses_claim_detail", request.organisation.slug, claim.public_id)
    return claim_page(request, claim, reconcile_form=form)


@org_view
@require_http_methods(["GET", "POST"])
def advance_new(request):
    org, user = request.organisation, request.user
    deny_unless(access.may_approve_somewhere(user, org), _("Only coordinators give advances."))
    ids = council_ids_where(user, org, access.APPROVE)
    councils = Council.objects.filter(organisation=org, is_active=True)
    if ids is not None:
        councils = councils.filter(pk__in=ids)
    form = AdvanceForm(
        request.POST or None, councils=councils, reps=selectors.reps_of_councils(org, ids)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.advance_give(
                organisation=org,
                council=data["council"],
                rep=data["rep"],
                amount_pence=data["amount"],
                method=data["method"],
                given_on=data["given_on"],
                activity_date=data["activity_date"],
                description=data["description"],
                actor=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Advance recorded."))
            return redirect("expenses_waiting", org.slug)
    return render(request, "expenses/advance_new.html", {"form": form})
