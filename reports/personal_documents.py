"""A rep's own documents: a training certificate and an involvement record
for a CV or a job interview. Plain content in, PDF bytes out, with the same
print CSS and machinery as the other documents (``renderers.PdfRenderer``).

They are one or two pages and render in well under a second, so they are
made in the request when the rep asks (nothing is stored): see
``tests/reports/test_personal_documents.py`` for the time budget.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .renderers import PdfRenderer


@dataclass(frozen=True)
class CertificateContent:
    organisation_name: str
    person_name: str
    course_name: str
    course_kind: str
    course_description: str
    hours: Decimal
    date: dt.date
    place: str
    trainer: str
    certificate_number: str


@dataclass(frozen=True)
class RoleLine:
    label: str
    place: str
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class TrainingLine:
    course: str
    date: dt.date
    hours: Decimal


@dataclass(frozen=True)
class InvolvementContent:
    organisation_name: str
    person_name: str
    made_on: dt.date
    roles: list[RoleLine] = field(default_factory=list)
    training: list[TrainingLine] = field(default_factory=list)
    surgeries_attended: int = 0
    surgery_sites: int = 0
    meetings_attended: int = 0
    accepted_proposals: list[tuple[str, str]] = field(default_factory=list)
    own_words: str = ""


class CertificateRenderer(PdfRenderer):
    """One A4 page, landscape: who, which course, when, how long, its number."""

    template_name = "reports/pdf/certificate.html"
    content: CertificateContent


class InvolvementRecordRenderer(PdfRenderer):
    template_name = "reports/pdf/involvement_record.html"
    content: InvolvementContent
