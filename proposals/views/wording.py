"""Words waiting for approval: a coordinator reads each proposal's words
before a document or public page may print them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from councils.addresses import id_url
from councils.forms import add_service_errors
from councils.freshness import page_of, remember_parts
from councils.permissions import can_anywhere, council_ids_where
from councils.tenancy import org_view

from .. import access, selectors, services
from ..forms import WordingForm
from ..services.wording import REFUSE_ROLE
from .common import get_proposal, render_page

PERM = "proposals.approve_wording"
# 25 a page, as the other lists: each row is a proposal with its words.
PER_PAGE = 25


@org_view
def wording_waiting(request):
    org = request.organisation
    if not can_anywhere(request.user, org, PERM):
        raise PermissionDenied(str(REFUSE_ROLE))
    council_ids = council_ids_where(request.user, org, PERM)
    number = request.GET.get("page")

    def build() -> dict:
        page = selectors.waiting_words_page(org, council_ids, number, PER_PAGE)
        context = {
            "page": page,
            "sent_back": selectors.sent_back_words(org, council_ids),
            "review_url": id_url("wording_review", org.slug),
            "organisation": org,
        }
        return {
            "count": page.paginator.count,
            "number": page.number,
            "has_rows": bool(page.object_list),
            "table": render_to_string("proposals/includes/wording_waiting_table.html", context),
            "sent_back": render_to_string("proposals/includes/wording_sent_back.html", context),
        }

    # The same for everyone who approves words for these councils, until
    # the data under them changes.
    listed = remember_parts(org, "wording_waiting", (council_ids, number), build)
    return render_page(
        request,
        "proposals/wording_waiting.html",
        {
            "page": page_of(listed["count"], PER_PAGE, listed["number"]),
            "has_rows": listed["has_rows"],
            "table": listed["table"],
            "sent_back": listed["sent_back"],
        },
    )


def _form_for(part, data=None) -> WordingForm:
    if part.approved:
        text = part.approval.text
    else:
        text = part.text
    return WordingForm(
        data,
        prefix=part.part,
        initial={"seen": services.fingerprint(part.text), "text": text},
    )


@org_view
@require_http_methods(["GET", "POST"])
def wording_review(request, proposal_id: str):
    org = request.organisation
    proposal = get_proposal(request, proposal_id)
    access.refuse(access.may_approve_wording(request.user, proposal), str(REFUSE_ROLE))
    proposal = selectors.proposal_for_wording(proposal)
    parts = selectors.wording_for(proposal) if proposal.status in selectors.WORDING_STATUSES else []
    posted = request.POST.get("part") if request.method == "POST" else None
    rows = []
    for part in parts:
        form = _form_for(part, request.POST if part.part == posted else None)
        rows.append(
            {
                "part": part,
                "form": form,
                "own": access.wrote_words(request.user, proposal, part.part),
            }
        )
    bound = next((row for row in rows if row["part"].part == posted), None)
    if posted and bound is None:
        messages.error(request, _("Those words have gone. Check the words below."))
    if bound is not None and bound["form"].is_valid():
        data = bound["form"].cleaned_data
        try:
            if data["decision"] == WordingForm.APPROVE:
                services.wording_approve(
                    proposal=proposal,
                    part=posted,
                    text=data["text"],
                    seen=data["seen"],
                    actor=request.user,
                )
                messages.success(request, _("Approved. These words can now be published."))
            else:
                services.wording_send_back(
                    proposal=proposal,
                    part=posted,
                    note=data["note"],
                    seen=data["seen"],
                    actor=request.user,
                )
                messages.success(request, _("Sent back. The words will not be published."))
        except ValidationError as error:
            add_service_errors(bound["form"], error)
        else:
            fresh = selectors.proposal_for_wording(proposal)
            still = [p for p in selectors.wording_for(fresh) if p.waiting]
            if still:
                return redirect("wording_review", org.slug, proposal.public_id)
            return redirect("wording_waiting", org.slug)
    errors = bound["form"] if bound is not None and bound["form"].errors else None
    return render_page(
        request,
        "proposals/wording_review.html",
        {"proposal": proposal, "rows": rows, "error_form": errors},
    )
