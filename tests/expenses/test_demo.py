"""The demo: claims in every state in both organisations, safe to load twice."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from councils.models import Organisation
from expenses import selectors, services
from expenses.models import Advance, Claim, ClaimStatus, InvolvementPayment

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_loads_twice(capsys):
    call_command("seed_demo")
    counts = (Claim.objects.count(), Advance.objects.count(), InvolvementPayment.objects.count())
    call_command("seed_demo")
    capsys.readouterr()
    assert (
        Claim.objects.count(),
        Advance.objects.count(),
        InvolvementPayment.objects.count(),
    ) == counts
    # One involvement payment, in the organisation with the switch on, with the
    # benefits-advice record that lets it be paid.
    payment = InvolvementPayment.objects.get()
    assert payment.organisation.slug == "northmoor"
    assert services.policy_for(payment.organisation).involvement_payments_enabled
    advice = services.advice_in_force(payment.organisation, payment.rep)
    assert services.payment_refusal_for_advice(advice) is None
    southfen = Organisation.objects.get(slug="southfen")
    assert not services.policy_for(southfen).involvement_payments_enabled
    assert mail.outbox == []
    for org in Organisation.objects.filter(slug__in=["northmoor", "southfen"]):
        states = set(Claim.objects.filter(organisation=org).values_list("status", flat=True))
        assert states == set(ClaimStatus.values), org
        assert Advance.objects.filter(organisation=org, claim__isnull=True).exists()
        assert Advance.objects.filter(organisation=org, claim__isnull=False).exists()
    overdue = selectors.overdue_claim_ids(today=timezone.localdate())
    assert Claim.objects.filter(pk__in=overdue, status="submitted").count() >= 2
    paid = Claim.objects.filter(status="paid")
    assert all(c.days_to_pay >= 0 and c.paid_on for c in paid)
