"""A rep's access needs, where others must act on them: reads only.

A rep records the support they need on My details (``RepProfile.access_needs``
and ``accessibility_needs``); a coordinator sees it on the rep's record. Whoever
plans a meeting must see it too: who needs a BSL interpreter, Easy Read or
large-print papers, childcare. The same people may see it here as on the rep
record (``members.access.may_manage_rep``: coordinators and admins of the rep's
council), never other reps, chairs or managers. The rep record does not audit
reading these needs (only restricted records are audited), so lists built
from them do not either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from councils.models import Organisation

from .models import RepProfile
from .selectors import _in_councils

Need = RepProfile.AccessNeed

# Short tags for lists ("BSL interpreter" beside a name).
TAGS = {
    Need.BSL: _("BSL interpreter"),
    Need.EASY_READ: _("Easy Read papers"),
    Need.LARGE_PRINT: _("Large print"),
    Need.CHILDCARE: _("Childcare"),
}
OTHER_TAG = _("Other support")
# Papers in another format, prepared for those who asked.
PAPER_FORMATS = (Need.EASY_READ, Need.LARGE_PRINT)


@dataclass
class PersonNeeds:
    codes: list[str]
    other: str = ""

    @property
    def tags(self) -> list[str]:
        tags = [str(TAGS[c]) for c in TAGS if c in self.codes]
        if self.other:
            tags.append(str(OTHER_TAG))
        return tags


@dataclass
class NeedLine:
    code: str
    sentence: str
    names: list[str] = field(default_factory=list)


def needs_of_people(*, viewer, organisation: Organisation, user_ids) -> dict[int, PersonNeeds]:
    """The needs of each of these people who is a rep the viewer may see the
    record of, by user id; people with no needs recorded are left out. One
    query (``user_ids`` may be a queryset of ids: it becomes a subquery)."""
    if not isinstance(user_ids, QuerySet):
        user_ids = list(user_ids)
        if not user_ids:
            return {}
    rows = _in_councils(
        RepProfile.objects.filter(
            organisation=organisation,
            user_id__in=user_ids,
            personal_data_deleted_at__isnull=True,
        ),
        viewer,
        organisation,
    ).values_list("user_id", "access_needs", "accessibility_needs")
    found = {}
    for user_id, codes, other in rows:
        codes = [c for c in (codes or []) if c in TAGS]
        if codes or other.strip():
            found[user_id] = PersonNeeds(codes=codes, other=other.strip())
    return found


def _sentence(code: str, count: int) -> str:
    if code == Need.BSL:
        text = ngettext(
            "%(count)d person needs a BSL interpreter: book one.",
            "%(count)d people need a BSL interpreter: book one.",
            count,
        )
    elif code == Need.EASY_READ:
        text = ngettext(
            "%(count)d person asked for Easy Read papers: prepare an Easy Read version.",
            "%(count)d people asked for Easy Read papers: prepare an Easy Read version.",
            count,
        )
    elif code == Need.LARGE_PRINT:
        text = ngettext(
            "%(count)d person asked for large print: print their papers in large print.",
            "%(count)d people asked for large print: print their papers in large print.",
            count,
        )
    elif code == Need.CHILDCARE:
        text = ngettext(
            "%(count)d person needs childcare to come: arrange it, or tell them "
            "they can claim it back.",
            "%(count)d people need childcare to come: arrange it, or tell them "
            "they can claim it back.",
            count,
        )
    else:
        text = ngettext(
            "%(count)d person asked for other support, in their words:",
            "%(count)d people asked for other support, in their words:",
            count,
        )
    return text % {"count": count}


def needs_summary(people, needs: dict[int, PersonNeeds]) -> list[NeedLine]:
    """One line per kind of need, in a fixed order, for whoever plans the
    meeting: how many, what to do, and who."""
    lines = []
    for code in [*TAGS, "other"]:
        if code == "other":
            names = [
                f"{p}: {needs[p.pk].other}" for p in people if p.pk in needs and needs[p.pk].other
            ]
        else:
            names = [str(p) for p in people if p.pk in needs and code in needs[p.pk].codes]
        if names:
            lines.append(NeedLine(code=code, sentence=_sentence(code, len(names)), names=names))
    return lines
