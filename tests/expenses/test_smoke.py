from tests.expenses.factories import paid_claim


def test_a_claim_goes_all_the_way(tenant_a):
    claim = paid_claim(tenant_a, amounts=(450, 1275))
    assert claim.status == "paid"
    assert claim.amount_paid_pence == 1725
    assert claim.days_to_pay == 0
    assert list(claim.history.values_list("to_status", flat=True)) == [
        "submitted",
        "approved",
        "paid",
    ]
