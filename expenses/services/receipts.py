"""Reading a receipt: the one way, checked and written to the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from councils.audit import audit_record

from .. import access
from ..models import Receipt
from ..storage import receipt_storage


def receipt_open(*, receipt: Receipt, actor):
    """Open a receipt's file for someone allowed to see its claim. Every read
    is an audit event, whoever reads it."""
    claim = receipt.line.claim
    if not access.may_view_claim(actor, claim):
        raise PermissionDenied(_("Only the rep, their coordinators and finance can see a receipt."))
    audit_record(
        organisation=claim.organisation,
        actor=actor,
        action="expenses.receipt_read",
        obj=receipt,
        changes={"claim": claim.public_id},
    )
    return receipt_storage.open(receipt.stored_name, "rb")
