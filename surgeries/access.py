"""Who may do what in surgeries, beyond a plain permission in the role map.

The role map (``councils/permissions.py``) says what a role may do within its
scope. The rules here also look at the object: who is going to this surgery,
who logged this item and how long ago, whether anyone may log at all.

Services call ``require`` with these rules, so a write is refused whatever
view called it; views ask the same functions what to show.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Council, Organisation

from .models import CountTap, FeedbackItem, Surgery


def require(allowed: bool, message: str) -> None:
    """Refuse with a plain explanation (a 403 page in a view)."""
    if not allowed:
        raise PermissionDenied(str(message))


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


# ---------------------------------------------------------------- surgeries


def may_plan_surgery(user, council: Council) -> bool:
    """Reps and coordinators plan surgeries for their councils."""
    return _signed_in(user) and user.has_perm("surgeries.plan_surgery", council)


def may_change_surgery(user, surgery: Surgery) -> bool:
    """Change, cancel or print the letter of a planned surgery."""
    return _signed_in(user) and user.has_perm("surgeries.plan_surgery", surgery)


def coordinates_feedback(user, obj) -> bool:
    """The council's coordinators look after its feedback: they close
    follow-ups and check quotes. The role map has no permission of its own for
    "coordinates this council", and this is the one only they hold."""
    return _signed_in(user) and user.has_perm("surgeries.close_followup", obj)


def is_going_to(user, surgery: Surgery) -> bool:
    # A surgery has a few reps, and its page has read them already (no query).
    return _signed_in(user) and any(rep.pk == user.pk for rep in surgery.reps.all())


def may_log_at_surgery(user, surgery: Surgery) -> bool:
    """Count people and log feedback at a surgery: a rep of its council who is
    going to it, or one of the council's coordinators (for a rep without a
    phone, or entering the paper notes afterwards)."""
    if not _signed_in(user) or not user.has_perm("surgeries.log_feedback", surgery):
        return False
    # Going to it first: asking whether they coordinate it falls through to
    # the per-object grants (two queries) for a rep.
    return is_going_to(user, surgery) or coordinates_feedback(user, surgery)


def may_undo_tap(user, tap: CountTap) -> bool:
    """Take back a counting tap: the rep who made it, or one of the council's
    coordinators, while they may count at this surgery. (The minute's limit
    is the service's to check, with the row locked.)"""
    if not may_log_at_surgery(user, tap.surgery):
        return False
    return tap.counted_by_id == user.pk or coordinates_feedback(user, tap.surgery)


def may_go_as_rep(user, reps) -> bool:
    """Is the person one of the reps who may be picked for a surgery?"""
    return _signed_in(user) and reps.filter(pk=user.pk).exists()


# ---------------------------------------------------------------- feedback


def may_see_raw_feedback(user, obj) -> bool:
    """What people said, word for word: the council's reps and coordinators."""
    return _signed_in(user) and user.has_perm("surgeries.view_raw_feedback", obj)


def may_log_feedback(user, council: Council) -> bool:
    """Log feedback from outside a surgery (a hub, the suggestion box...)."""
    return _signed_in(user) and user.has_perm("surgeries.log_feedback", council)


def may_correct_feedback(user, item: FeedbackItem) -> bool:
    """Only the person who logged an item corrects it, and only for a day."""
    return item.pk in feedback_correctable_by(user, [item], item.council)


def feedback_correctable_by(user, items, council: Council) -> set[int]:
    """Of these items of one council, the ones this person may correct: one
    permission check for the whole list, however long it is."""
    now = timezone.now()
    mine = {
        item.pk
        for item in items
        if _signed_in(user) and item.logged_by_id == user.pk and now < item.editable_until
    }
    if mine and user.has_perm("surgeries.log_feedback", council):
        return mine
    return set()


def may_pick_evidence(user, council: Council) -> bool:
    """Pick feedback to carry into a proposal: anyone who may read it."""
    return may_see_raw_feedback(user, council)


def may_see_summary(user, obj) -> bool:
    return _signed_in(user) and user.has_perm("surgeries.view_feedback_summary", obj)


# ---------------------------------------------------------------- coordinators


def may_close_followup(user, item: FeedbackItem) -> bool:
    return _signed_in(user) and user.has_perm("surgeries.close_followup", item)


def rep_pages_for(user, organisation: Organisation, items) -> dict[int, object]:
    """For the follow-ups a coordinator reads: the rep page of whoever logged
    each item, keyed by item, for the reps whose record this person may open
    (``members.manage_reps`` on the rep's council, the rule of the rep page
    itself). One look at the person's roles for the whole list; the items
    come with ``logged_by__rep_profile``."""
    if not _signed_in(user):
        return {}
    from councils.permissions import council_ids_where

    council_ids = council_ids_where(user, organisation, "members.manage_reps")
    pages = {}
    for item in items:
        profile = getattr(item.logged_by, "rep_profile", None) if item.logged_by_id else None
        if profile is None or profile.organisation_id != organisation.pk:
            continue
        if council_ids is None or profile.council_id in council_ids:
            pages[item.pk] = profile
    return pages


def may_review_quote(user, item: FeedbackItem) -> bool:
    return _signed_in(user) and user.has_perm("surgeries.moderate_quotes", item)


def may_manage_themes(user, organisation: Organisation) -> bool:
    return _signed_in(user) and user.has_perm("surgeries.manage_themes", organisation)


# ---------------------------------------------------------------- refusals
# What a person is told when refused, in their own language.

REFUSE_LOG_AT_SURGERY = _(
    "Only the reps going to this surgery and the council's coordinators can count "
    "people and log feedback here."
)
REFUSE_LOG_FEEDBACK = _("Only reps and coordinators log feedback.")
REFUSE_UNDO_TAP = _(
    "Only the rep who counted this person, or a coordinator, can take the tap back."
)
REFUSE_RAW_FEEDBACK = _(
    "What people on probation said is seen only by the council's reps and coordinators. "
    "You can see the feedback summary instead."
)
REFUSE_CORRECT_FEEDBACK = _(
    "Feedback can be corrected only by the person who logged it, for 24 hours."
)
REFUSE_PLAN_SURGERY = _("Surgeries are planned by reps and coordinators.")
REFUSE_FOLLOWUP = _("Follow-ups are handled by the council's coordinators.")
REFUSE_QUOTE = _("Quotes are checked by the council's coordinators.")
REFUSE_THEMES = _("Themes are set up by the organisation's admins.")
REFUSE_SUMMARY = _("Your role does not include feedback.")
