"""The pages: who sees what, validation beside the field with nothing typed
lost, exact totals in the CSV, and query budgets on the lists."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from expenses.models import Claim
from tests.expenses.factories import (
    approved_claim,
    draft_claim,
    paid_claim,
    photo_upload,
    submitted_claim,
)
from tests.querycount import assert_flat_query_count

pytestmark = pytest.mark.django_db


def url(tenant, path=""):
    return f"/{tenant.organisation.slug}/expenses/{path}"


def test_rep_claims_through_the_pages(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    page = client.get(url(tenant_a, "claim/"))
    assert page.status_code == 200
    token = page.context["form"]["submission_token"].value()
    data = {
        "council": tenant_a.council.public_id,
        "activity_kind": "meeting",
        "activity_date": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "activity_description": "",
        "submission_token": token,
    }
    response = client.post(url(tenant_a, "claim/"), data)
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/claims/{claim.public_id}/costs/")
    # The same form again (a retry on a bad connection) makes no second claim.
    client.post(url(tenant_a, "claim/"), data)
    assert Claim.objects.count() == 1

    costs = url(tenant_a, f"claims/{claim.public_id}/costs/")
    response = client.post(costs, {"kind": "fares", "amount": "£4.50", "receipt": photo_upload()})
    assert response.status_code == 302
    response = client.post(costs, {"kind": "mileage", "miles": "10"})
    assert response.status_code == 302
    check = client.get(url(tenant_a, f"claims/{claim.public_id}/check/"))
    assert check.status_code == 200
    assert "£9.00" in check.content.decode()  # 4.50 + 10 miles × 45p
    response = client.post(url(tenant_a, f"claims/{claim.public_id}/check/"), {})
    assert response["Location"].endswith(f"/claims/{claim.public_id}/sent/")
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert "Claim sent" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "fares", "amount": "-3", "receipt_lost": "on"}, "amount", "less than 0"),
        ({"kind": "fares", "amount": "25000", "receipt_lost": "on"}, "amount", "£1,000 or less"),
        ({"kind": "fares", "amount": "four", "receipt_lost": "on"}, "amount", "pounds and pence"),
        ({"kind": "mileage", "amount": "", "description": "To the hub"}, "miles", "how many miles"),
        ({"kind": "meals", "amount": "6.20"}, "receipt", "photo of the receipt"),
    ],
)
def test_bad_costs_are_explained_beside_the_field_and_kept(
    tenant_a, client_for, data, field, message
):
    claim = draft_claim(tenant_a, amounts=())
    response = client_for(tenant_a["rep"]).post(
        url(tenant_a, f"claims/{claim.public_id}/costs/"), data
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    for name, value in data.items():
        if name in ("amount", "description") and value:
            assert f'value="{value}"' in html


def test_a_text_file_named_jpg_is_refused_on_the_page(tenant_a, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    claim = draft_claim(tenant_a, amounts=())
    bad = SimpleUploadedFile("r.jpg", b"not an image", content_type="image/jpeg")
    response = client_for(tenant_a["rep"]).post(
        url(tenant_a, f"claims/{claim.public_id}/costs/"),
        {"kind": "meals", "amount": "6.20", "receipt": bad},
    )
    assert "photo (for example JPG or PNG) or a PDF" in response.content.decode()
    assert 'value="6.20"' in response.content.decode()


def test_future_date_is_refused_beside_the_field(tenant_a, client_for):
    later = timezone.localdate() + dt.timedelta(days=3)
    response = client_for(tenant_a["rep"]).post(
        url(tenant_a, "claim/"),
        {
            "council": tenant_a.council.public_id,
            "activity_kind": "training",
            "activity_description": "First aid",
            "activity_date_day": str(later.day),
            "activity_date_month": str(later.month),
            "activity_date_year": str(later.year),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["activity_date"] == [
        "Date of the activity must be today or in the past."
    ]
    html = response.content.decode()
    assert 'value="First aid"' in html
    assert f'name="activity_date_year" type="text" inputmode="numeric" value="{later.year}"' in html
    assert 'href="#id_activity_date_day"' in html


def test_a_rep_sees_only_their_own_claims(tenant_a, client_for):
    from councils.models import Role
    from tests.factories import user_with_role

    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    theirs = submitted_claim(tenant_a, rep=other)
    mine = submitted_claim(tenant_a)
    client = client_for(tenant_a["rep"])
    page = client.get(url(tenant_a)).content.decode()
    assert mine.public_id in page and theirs.public_id not in page
    assert client.get(url(tenant_a, f"claims/{theirs.public_id}/")).status_code == 403


def test_another_organisation_gets_404_for_a_claim(tenant_a, tenant_b, client_for):
    claim = submitted_claim(tenant_a)
    client = client_for(tenant_b["coordinator"])
    response = client.get(f"/{tenant_b.organisation.slug}/expenses/claims/{claim.public_id}/")
    assert response.status_code == 404


def test_the_manager_sees_totals_not_people(tenant_a, client_for):
    paid_claim(tenant_a, amounts=(1234,))
    client = client_for(tenant_a["manager"])
    page = client.get(url(tenant_a, "totals/"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "£12.34" in html
    assert str(tenant_a["rep"]) not in html
    assert client.get(url(tenant_a, "waiting/")).status_code == 403
    assert client.get(url(tenant_a, "to-pay/")).status_code == 403


def test_coordinator_decides_from_the_claim_page(tenant_a, client_for):
    claim = submitted_claim(tenant_a)
    client = client_for(tenant_a["coordinator"])
    decide = url(tenant_a, f"claims/{claim.public_id}/decide/")
    response = client.post(decide, {"decision": "reject", "reason": "No."})
    assert response.status_code == 200
    assert "full sentence" in response.content.decode()
    response = client.post(
        decide, {"decision": "query", "question": "Which bus did you take there?"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "queried"


def test_the_rep_cannot_decide_on_their_own_claim_page(tenant_a, client_for):
    claim = submitted_claim(tenant_a)
    client = client_for(tenant_a["rep"])
    assert (
        "Your decision"
        not in client.get(url(tenant_a, f"claims/{claim.public_id}/")).content.decode()
    )
    response = client.post(
        url(tenant_a, f"claims/{claim.public_id}/decide/"), {"decision": "approve"}
    )
    assert response.status_code == 403


def test_finance_pays_a_batch_and_the_csv_adds_up_to_the_penny(tenant_a, client_for):
    claims = [approved_claim(tenant_a, amounts=a) for a in ((1, 2), (333, 333, 334), (9999,))]
    client = client_for(tenant_a["finance"])
    response = client.get(url(tenant_a, "to-pay.csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["claim", "rep", "council"]
    body, total = rows[1:-1], rows[-1]
    assert [r[5] for r in body] == ["0.03", "10.00", "99.99"]
    assert total[0] == "total" and total[5] == "110.02" and total[7] == "110.02"

    today = timezone.localdate().isoformat()
    response = client.post(
        url(tenant_a, "to-pay/pay/"),
        {"claims": [c.public_id for c in claims[:2]], "paid_on": today, "method": "bank_transfer"},
    )
    assert response.status_code == 302
    assert Claim.objects.filter(status="paid").count() == 2
    paid_csv = client.get(url(tenant_a, f"to-pay.csv?paid_on={today}")).content.decode()
    rows = list(csv.reader(io.StringIO(paid_csv)))
    assert len(rows) == 4 and rows[-1][7] == "10.03"


def test_batch_pay_without_a_method_keeps_the_choice(tenant_a, client_for):
    claim = approved_claim(tenant_a)
    response = client_for(tenant_a["finance"]).post(
        url(tenant_a, "to-pay/pay/"), {"claims": [claim.public_id], "paid_on": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the date" in html and "Choose how the claims were paid" in html
    assert f'value="{claim.public_id}" checked' in html


def test_coordinator_cannot_reach_the_payments(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    assert client.get(url(tenant_a, "to-pay/")).status_code == 403
    assert client.get(url(tenant_a, "to-pay.csv")).status_code == 403


def test_admin_policy_page(tenant_a, client_for):
    client = client_for(tenant_a["admin"])
    response = client.post(
        url(tenant_a, "policy/"),
        {
            "mileage_rate_pence": "40",
            "second_approval_above": "150.00",
            "payment_target_working_days": "5",
        },
    )
    assert response.status_code == 302
    from expenses.models import ExpensePolicy

    policy = ExpensePolicy.objects.get(organisation=tenant_a.organisation)
    assert (policy.mileage_rate_pence, policy.second_approval_above_pence) == (40, 15000)
    assert client_for(tenant_a["coordinator"]).get(url(tenant_a, "policy/")).status_code == 403


def test_query_budgets_on_the_lists(tenant_a, client_for):
    submitted_claim(tenant_a)
    approved_claim(tenant_a)

    def grow():
        for _ in range(4):
            submitted_claim(tenant_a, amounts=(100, 200))
            approved_claim(tenant_a, amounts=(300,))

    def grow_again():
        for _ in range(3):
            submitted_claim(tenant_a, amounts=(100,))
            approved_claim(tenant_a, amounts=(300, 50))

    assert_flat_query_count(client_for(tenant_a["rep"]), url(tenant_a), grow=grow, budget=7)
    assert_flat_query_count(
        client_for(tenant_a["coordinator"]), url(tenant_a, "waiting/"), grow=grow_again, budget=6
    )
    assert_flat_query_count(
        client_for(tenant_a["finance"]), url(tenant_a, "to-pay/"), grow=grow, budget=15
    )
