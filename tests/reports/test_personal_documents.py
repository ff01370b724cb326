"""A rep's own documents: the training certificate and the involvement
record, read back from the PDF; who may download them; and how long they
take (they are made in the request, so they must be quick)."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Role
from members import services
from members.models import OfficeHolding
from proposals.models import Attendance
from reports.personal_documents import (
    CertificateContent,
    CertificateRenderer,
    InvolvementRecordRenderer,
)
from reports.selectors.involvement import certificate_content, involvement_content
from tests.factories import user_with_role
from tests.members.factories import attend, course, training_session
from tests.proposals.factories import MeetingFactory, ProposalFactory
from tests.reports.pdftext import pdf_reader, pdf_text
from tests.surgeries.factories import surgery_for

# Made in the request, so it must be quick. Measured on the shared 2-core
# machine with a load average of 17: the first render in a process takes
# about 5 s (fonts and the print CSS are loaded once, then cached), each one
# after that 0.5 to 0.7 s. The budget is for a warm process, generous for load.
REQUEST_BUDGET_SECONDS = 3.0


@pytest.fixture(autouse=True, scope="module")
def _warm_weasyprint():
    """A web worker renders many documents: time a warm one, not the first."""
    CertificateRenderer(_certificate()).render()


def _certificate(**overrides) -> CertificateContent:
    values = dict(
        organisation_name="Northmoor Probation Service",
        person_name="Ray Daniels",
        course_name="Safeguarding basics",
        course_kind="Safeguarding",
        course_description="Spotting harm and what to do about it.",
        hours=Decimal("3.5"),
        date=dt.date(2026, 10, 14),
        place="Ashford office",
        trainer="Nadia Shah",
        certificate_number="Ab3dE5fG",
    )
    values.update(overrides)
    return CertificateContent(**values)


def test_the_certificate_says_who_did_which_course_when_and_for_how_long():
    started = time.perf_counter()
    data = CertificateRenderer(_certificate()).render()
    took = time.perf_counter() - started
    text = pdf_text(data)
    for words in (
        "Certificate of training",
        "This is to certify that",
        "Ray Daniels",
        "Safeguarding basics",
        "14 October 2026",
        "3.5 hours",
        "Ashford office",
        "Nadia Shah",
        "Certificate number Ab3dE5fG",
        "Northmoor Probation Service",
    ):
        assert words in text, words
    assert len(pdf_reader(data).pages) == 1
    assert took < REQUEST_BUDGET_SECONDS, f"a certificate took {took:.2f}s"


def test_the_involvement_record_is_the_reps_own_data_in_their_own_words(tenant_a):
    rep = tenant_a["rep"]
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    today = timezone.localdate()
    c = course(tenant_a.organisation, name="Chairing meetings", kind="chairing", hours="2")
    attend(rep, training_session(c))
    attend(
        other, training_session(course(tenant_a.organisation, name="Only the other rep did this"))
    )
    OfficeHolding.objects.create(
        organisation=tenant_a.organisation,
        council=tenant_a.council,
        holder=rep,
        office="vice_chair",
        starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=355),
    )
    surgery_for(tenant_a, date=today - dt.timedelta(days=3))
    surgery_for(tenant_a, date=today - dt.timedelta(days=17))
    surgery_for(tenant_a, reps=[other], date=today - dt.timedelta(days=5))
    meeting = MeetingFactory(council=tenant_a.council, date=today - dt.timedelta(days=2))
    Attendance.objects.create(
        organisation=tenant_a.organisation, meeting=meeting, user=rep, status="attended"
    )
    ProposalFactory(
        council=tenant_a.council,
        status="accepted",
        title="Water in the waiting room",
        authors=[rep],
        decided_at=timezone.now(),
    )
    ProposalFactory(council=tenant_a.council, status="draft", title="Still a draft", authors=[rep])
    ProposalFactory(
        council=tenant_a.council,
        status="accepted",
        title="Someone else's idea",
        authors=[other],
        decided_at=timezone.now(),
    )
    services.involvement_statement_save(
        organisation=tenant_a.organisation,
        text="I learned to speak up in meetings and to listen.",
        actor=rep,
    )
    text = pdf_text(
        InvolvementRecordRenderer(involvement_content(rep, tenant_a.organisation)).render()
    )
    for words in (
        f"Involvement record: {rep}",
        "I learned to speak up in meetings and to listen.",
        "Vice chair",
        "Council rep",
        "Chairing meetings",
        "Ran 2 surgeries at 1 places",
        "Attended 1 council or hub meeting",
        "Water in the waiting room (accepted)",
    ):
        assert words in text, words
    for not_theirs in (
        "Only the other rep did this",
        "Someone else's idea",
        "Still a draft",
        str(other),
    ):
        assert not_theirs not in text


def test_a_statement_with_personal_data_is_refused(tenant_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.involvement_statement_save(
            organisation=tenant_a.organisation,
            text="Email me at ray@example.org",
            actor=tenant_a["rep"],
        )
    assert "text" in error.value.message_dict


def test_a_rep_downloads_their_own_certificate_and_nobody_elses(tenant_a, client_for):
    rep = tenant_a["rep"]
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    session = training_session(course(tenant_a.organisation))
    mine, theirs = attend(rep, session), attend(other, session)
    client = client_for(rep)
    org = tenant_a.organisation.slug
    url = reverse("training_certificate", args=[org, mine.public_id])
    client.get(url)  # the first request of a process loads the URLconf and middleware
    started = time.perf_counter()
    response = client.get(url)
    took = time.perf_counter() - started
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert str(rep) in pdf_text(response.content)
    assert took < REQUEST_BUDGET_SECONDS
    refused = client.get(reverse("training_certificate", args=[org, theirs.public_id]))
    assert refused.status_code == 403
    record = client.get(reverse("involvement_record", args=[org]))
    assert record.status_code == 200 and str(rep) in pdf_text(record.content)


def test_certificate_content_comes_from_the_attendance(tenant_a):
    session = training_session(course(tenant_a.organisation, hours="1.5"), place="Hub room")
    a = attend(tenant_a["rep"], session)
    content = certificate_content(a)
    assert (content.person_name, content.place, content.hours) == (
        str(tenant_a["rep"]),
        "Hub room",
        Decimal("1.5"),
    )
    assert content.certificate_number == a.public_id
