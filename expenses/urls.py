from django.urls import path

from .views import approvals, budgets, claims, finance, involvement

urlpatterns = [
    path("expenses/", claims.my_expenses, name="expenses_mine"),
    path("expenses/claim/", claims.claim_new, name="expenses_claim_new"),
    path("expenses/claims/<str:claim_id>/", claims.claim_detail, name="expenses_claim_detail"),
    path("expenses/claims/<str:claim_id>/costs/", claims.line_add, name="expenses_line_add"),
    path(
        "expenses/claims/<str:claim_id>/costs/<str:line_id>/remove/",
        claims.line_remove,
        name="expenses_line_remove",
    ),
    path("expenses/claims/<str:claim_id>/check/", claims.claim_check, name="expenses_claim_check"),
    path("expenses/claims/<str:claim_id>/sent/", claims.claim_sent, name="expenses_claim_sent"),
    path(
        "expenses/claims/<str:claim_id>/decide/",
        approvals.claim_decide,
        name="expenses_claim_decide",
    ),
    path(
        "expenses/claims/<str:claim_id>/reconcile/",
        approvals.claim_reconcile,
        name="expenses_claim_reconcile",
    ),
    path("expenses/receipts/<str:receipt_id>/", claims.receipt_view, name="expenses_receipt"),
    path("expenses/waiting/", approvals.claims_waiting, name="expenses_waiting"),
    path("expenses/advances/new/", approvals.advance_new, name="expenses_advance_new"),
    path("expenses/to-pay/", finance.claims_to_pay, name="expenses_to_pay"),
    path("expenses/to-pay/pay/", finance.claims_pay, name="expenses_pay"),
    path("expenses/to-pay.csv", finance.claims_csv, name="expenses_csv"),
    path("expenses/totals/", finance.totals, name="expenses_totals"),
    path("expenses/policy/", finance.policy_edit, name="expenses_policy"),
    path("expenses/budgets/", budgets.budgets, name="expenses_budgets"),
    # Involvement payments: apart from expense claims on every page and export.
    path(
        "expenses/involvement/",
        involvement.involvement_overview,
        name="expenses_involvement",
    ),
    path(
        "expenses/involvement/mine/",
        involvement.involvement_mine,
        name="expenses_involvement_mine",
    ),
    path(
        "expenses/involvement/people/<str:person_id>/",
        involvement.involvement_person,
        name="expenses_involvement_person",
    ),
    path(
        "expenses/involvement/people/<str:person_id>/advice/",
        involvement.involvement_advice,
        name="expenses_involvement_advice",
    ),
    path(
        "expenses/involvement/people/<str:person_id>/payments/",
        involvement.involvement_payment_new,
        name="expenses_involvement_payment_new",
    ),
    path(
        "expenses/involvement/payments/<str:payment_id>/",
        involvement.involvement_payment,
        name="expenses_involvement_payment",
    ),
    path(
        "expenses/involvement/to-pay/",
        involvement.involvement_to_pay,
        name="expenses_involvement_to_pay",
    ),
    path(
        "expenses/involvement/to-pay/pay/",
        involvement.involvement_pay,
        name="expenses_involvement_pay",
    ),
    path(
        "expenses/involvement/to-pay.csv",
        involvement.involvement_csv,
        name="expenses_involvement_csv",
    ),
]
