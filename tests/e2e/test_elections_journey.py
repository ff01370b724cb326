"""A rep on a 360 × 740 phone reads the statements and votes in their
council's election; another rep downloads their training certificate and
involvement record. Every page is checked with axe, and nothing on the
phone's pages is wider than the phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from members.models import Nomination, Vote, VoterRoll
from tests.e2e.conftest import follow
from tests.members.factories import attend, course, election, nominate, training_session
from tests.reports.pdftext import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_a_rep_votes_on_a_phone(tenant_a, phone_page, sign_in, check_a11y, go):
    org = tenant_a.organisation.slug
    rep = tenant_a["rep"]
    e = election(tenant_a.council, kind="office", office="vice_chair")
    nominate(e, rep, statement="I will make sure people are listened to.")
    page = phone_page

    sign_in(page, rep)
    go(page, f"/{org}/elections/")
    fits_the_phone(page)
    # The list offers the vote straight away, and the election's own page.
    assert page.get_by_role("link", name="Vote now").is_visible()
    follow(page, page.get_by_role("link", name=str(e), exact=True))
    assert page.url.endswith(f"/elections/{e.public_id}/")
    check_a11y(page)
    fits_the_phone(page)
    assert page.get_by_text("I will make sure people are listened to.").is_visible()
    page.get_by_role("link", name="Vote").click()
    page.wait_for_url("**/vote/")
    check_a11y(page)
    fits_the_phone(page)
    # Sending without a choice explains what to do.
    follow(page, page.get_by_role("button", name="Send my vote"))
    assert page.title().startswith("Error: ")
    check_a11y(page)
    page.get_by_label(str(rep)).check()
    page.get_by_role("button", name="Send my vote").click()
    page.wait_for_url(f"**/elections/{e.public_id}/")
    assert page.get_by_text("Your vote has been counted. It is secret.").is_visible()
    assert page.get_by_text("You have voted.").first.is_visible()
    check_a11y(page)
    fits_the_phone(page)
    assert Vote.objects.filter(election=e).count() == 1
    assert VoterRoll.objects.filter(election=e, voter=rep).exists()
    # No second ballot.
    assert page.get_by_role("link", name="Vote").count() == 0
    go(page, f"/{org}/offices/")
    fits_the_phone(page)


def test_a_rep_withdraws_and_stands_again_then_a_coordinator_withdraws_them(
    tenant_a, phone_page, page, sign_in, check_a11y, go
):
    """Nominations are open: the rep confirms they want to withdraw, stands
    again, and the coordinator then withdraws them with a reason."""
    org = tenant_a.organisation.slug
    rep = tenant_a["rep"]
    e = election(tenant_a.council, stage="nominations", kind="office", office="secretary")
    n = nominate(e, rep, statement="I can take the notes.")
    phone = phone_page

    sign_in(phone, rep)
    go(phone, f"/{org}/elections/{e.public_id}/")
    fits_the_phone(phone)
    follow(phone, phone.get_by_role("link", name="Withdraw your nomination"))
    assert phone.get_by_role("heading", name="Are you sure you want to withdraw?").is_visible()
    check_a11y(phone)
    fits_the_phone(phone)
    follow(phone, phone.get_by_role("button", name="Yes, withdraw"))
    assert phone.url.endswith(f"/elections/{e.public_id}/")
    assert phone.get_by_text("You have withdrawn your nomination.").is_visible()
    assert phone.get_by_text("Nobody is standing yet.").is_visible()
    check_a11y(phone)
    fits_the_phone(phone)
    n.refresh_from_db()
    assert n.withdrawn_at is not None

    # They change their mind before nominations close.
    follow(phone, phone.get_by_role("link", name="Stand in this election"))
    phone.get_by_label("Why are you standing?").fill("I can take the notes after all.")
    follow(phone, phone.get_by_role("button", name="Stand", exact=True))
    assert phone.get_by_text("You are standing.").is_visible()
    n.refresh_from_db()
    assert n.withdrawn_at is None

    # The coordinator withdraws them on their behalf: a reason is asked for.
    sign_in(page, tenant_a["coordinator"])
    go(page, f"/{org}/elections/{e.public_id}/")
    follow(page, page.get_by_role("link", name=f"Withdraw {rep}"))
    check_a11y(page)
    follow(page, page.get_by_role("button", name="Yes, withdraw this nomination"))
    assert page.title().startswith("Error: ")
    check_a11y(page)
    page.get_by_label("Why are you withdrawing this nomination?").fill("They asked me to.")
    follow(page, page.get_by_role("button", name="Yes, withdraw this nomination"))
    assert page.get_by_text(f"Nomination withdrawn: {rep}.").is_visible()
    assert page.get_by_text("They asked me to.").is_visible()
    check_a11y(page)
    assert Nomination.objects.get(pk=n.pk).withdrawal_reason == "They asked me to."


def test_a_rep_downloads_their_certificate(tenant_a, phone_page, sign_in, check_a11y, go, tmp_path):
    org = tenant_a.organisation.slug
    rep = tenant_a["rep"]
    safeguarding = course(tenant_a.organisation, name="Safeguarding basics", hours="2.5")
    attend(rep, training_session(safeguarding, place="Ashford office"))
    page = phone_page

    sign_in(page, rep)
    go(page, f"/{org}/my-record/")
    fits_the_phone(page)
    with page.expect_download() as info:
        page.get_by_role(
            "link", name="Download your certificate for Safeguarding basics (PDF)"
        ).click()
    saved = Path(tmp_path) / info.value.suggested_filename
    info.value.save_as(saved)
    text = pdf_text(saved.read_bytes())
    assert "Certificate of training" in text
    assert str(rep) in text and "Safeguarding basics" in text and "2.5 hours" in text

    # Their own words, then the record for a CV.
    page.get_by_label("In your own words (optional)").fill("I learned to chair a meeting.")
    follow(page, page.get_by_role("button", name="Save your words"))
    assert page.get_by_text("Your words are saved.").is_visible()
    check_a11y(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download your involvement record (PDF)").click()
    record = Path(tmp_path) / "record.pdf"
    info.value.save_as(record)
    text = pdf_text(record.read_bytes())
    assert "I learned to chair a meeting." in text and "Safeguarding basics" in text
