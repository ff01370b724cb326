"""Counting people at a surgery: one tap at a time, or the numbers outright.

Two reps can tap at the same surgery at the same moment, so every change
locks the surgery row and adds to the numbers as they are now.

Each tap is a row (``CountTap``): its token makes a retried tap count once
(the phone's send queue and the no-JavaScript form both send one), and the
row is what "Undo" takes back, exactly that tap, once, within a minute."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.periods import day_label
from councils.privacy import check_no_personal_data

from .. import access
from ..models import CountTap, Surgery
from .limits import COUNT_MAX, NOTE_MAX, REASON_MAX

COUNT_OUTCOMES = {"engaged", "declined", "approached", "interested"}
COUNT_FIELDS = ["people_approached", "people_engaged", "people_declined", "people_interested"]


def check_surgery_is_open(surgery: Surgery) -> None:
    """Counting and logging happen on the day or after, never at a cancelled
    surgery."""
    if surgery.is_cancelled:
        raise ValidationError(_("This surgery was cancelled."))
    if surgery.date > timezone.localdate():
        raise ValidationError(
            _("This surgery is on %(date)s. You can count people and log feedback on the day.")
            % {"date": day_label(surgery.date)}
        )


def lock_open_surgery(surgery: Surgery) -> Surgery:
    """The surgery's row, locked, refused if it was cancelled a moment ago."""
    locked = Surgery.objects.select_for_update().get(pk=surgery.pk)
    check_surgery_is_open(locked)
    return locked


# What one tap adds, field by field.
TAP_ADDS = {
    "engaged": ["people_approached", "people_engaged"],
    "interested": ["people_approached", "people_engaged", "people_interested"],
    "declined": ["people_approached", "people_declined"],
    "approached": ["people_approached"],
}


@transaction.atomic
def surgery_count_person(
    *, surgery: Surgery, outcome: str, reason: str = "", token: str = "", actor
) -> CountTap | None:
    """Add one person: they talked (engaged), talked and want to get involved
    (interested), said no (declined), or were approached and neither. Every
    person counted was approached.

    Returns the tap, or None when the same tap arrives twice (a retry on a
    bad connection), which is then not counted again."""
    access.require(access.may_log_at_surgery(actor, surgery), access.REFUSE_LOG_AT_SURGERY)
    check_surgery_is_open(surgery)
    if outcome not in COUNT_OUTCOMES:
        raise ValidationError(_("Choose who to count."))
    reason = reason.strip() if outcome == "declined" else ""
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("Keep the reason short: %(max)s characters or fewer.")
                % {"max": REASON_MAX}
            }
        )
    check_no_personal_data(reason=reason)
    token = (token or "").strip() or None
    locked = lock_open_surgery(surgery)
    # A retry repeats the token and the button; a different button under the
    # same token is a different person, so the button is part of the key.
    # Every tap of this surgery holds its row's lock, so this look is enough;
    # the unique constraint is the backstop.
    if token and CountTap.objects.filter(surgery=locked, token=token, outcome=outcome).exists():
        return None
    if locked.people_approached >= COUNT_MAX:
        raise ValidationError(_("A surgery can count up to %(max)s people.") % {"max": COUNT_MAX})
    fields = list(TAP_ADDS[outcome])
    for name in fields:
        setattr(locked, name, getattr(locked, name) + 1)
    if outcome == "declined" and reason:
        locked.declined_reasons = "\n".join(filter(None, [locked.declined_reasons, reason]))
        fields.append("declined_reasons")
    locked.save(update_fields=fields)
    for name in fields:
        setattr(surgery, name, getattr(locked, name))
    tap = CountTap.objects.create(
        organisation_id=surgery.organisation_id,
        surgery=locked,
        outcome=outcome,
        reason=reason,
        token=token,
        counted_by=actor,
    )
    audit_record(
        organisation=surgery.organisation,
        actor=actor,
        action="surgery.person_counted",
        obj=surgery,
        changes={"outcome": outcome, "tap": tap.public_id},
    )
    return tap


def _without_last(lines: str, line: str) -> str:
    """The reasons people said no, without the last one that reads ``line``."""
    kept = lines.split("\n")
    for index in range(len(kept) - 1, -1, -1):
        if kept[index] == line:
            del kept[index]
            break
    return "\n".join(kept)


@transaction.atomic
def surgery_count_undo(*, tap: CountTap, actor) -> Surgery:
    """Take back one tap: exactly the numbers it added, once, within a
    minute of the server counting it (a tap that waited on the phone counts
    from when it arrived). Only the rep who tapped, or a coordinator of the
    council, and only while they may still count at this surgery."""
    surgery = tap.surgery
    access.require(access.may_undo_tap(actor, tap), access.REFUSE_UNDO_TAP)
    locked = lock_open_surgery(surgery)
    locked_tap = CountTap.objects.select_for_update().get(pk=tap.pk)
    if locked_tap.undone_at is not None:
        raise ValidationError(_("That tap was taken back already."))
    if timezone.now() > locked_tap.undo_until:
        raise ValidationError(
            _(
                "A tap can be taken back for a minute only. To change the numbers now, "
                "use “Correct the numbers”."
            )
        )
    fields = list(TAP_ADDS[locked_tap.outcome])
    after = {name: getattr(locked, name) for name in COUNT_FIELDS}
    for name in fields:
        after[name] -= 1
    # The numbers may have been corrected since the tap: never below zero,
    # never numbers that do not add up.
    if min(after.values()) < 0 or count_errors(**after):
        raise ValidationError(
            _(
                "The numbers were corrected after that tap, so it cannot be taken back. "
                "Use “Correct the numbers” instead."
            )
        )
    for name in fields:
        setattr(locked, name, after[name])
    if locked_tap.reason:
        locked.declined_reasons = _without_last(locked.declined_reasons, locked_tap.reason)
        fields.append("declined_reasons")
    locked.save(update_fields=fields)
    for name in fields:
        setattr(surgery, name, getattr(locked, name))
    locked_tap.undone_at = timezone.now()
    locked_tap.undone_by = actor
    locked_tap.save(update_fields=["undone_at", "undone_by"])
    tap.undone_at, tap.undone_by = locked_tap.undone_at, actor
    audit_record(
        organisation=surgery.organisation,
        actor=actor,
        action="surgery.person_uncounted",
        obj=surgery,
        changes={"outcome": locked_tap.outcome, "tap": locked_tap.public_id},
    )
    return surgery


def count_errors(
    *,
    people_approached: int,
    people_engaged: int,
    people_declined: int,
    people_interested: int = 0,
) -> dict:
    """What is wrong with a set of counts, field by field."""
    errors: dict[str, str] = {}
    if people_interested < 0:
        errors["people_interested"] = _("Enter 0 or more.")
    elif people_interested > people_engaged:
        errors["people_interested"] = _(
            "People who want to get involved (%(interested)s) cannot be more than the "
            "people who talked (%(engaged)s)."
        ) % {"interested": people_interested, "engaged": people_engaged}
    for name, value in (
        ("people_approached", people_approached),
        ("people_engaged", people_engaged),
        ("people_declined", people_declined),
    ):
        if value < 0:
            errors[name] = _("Enter 0 or more.")
        elif value > COUNT_MAX:
            errors[name] = _("Enter a number up to %(max)s.") % {"max": COUNT_MAX}
    if not errors:
        numbers = {
            "engaged": people_engaged,
            "declined": people_declined,
            "approached": people_approached,
        }
        if people_engaged > people_approached:
            errors["people_engaged"] = (
                _(
                    "People who talked (%(engaged)s) cannot be more than the people "
                    "approached (%(approached)s)."
                )
                % numbers
            )
        elif people_engaged + people_declined > people_approached:
            errors["people_declined"] = (
                _(
                    "People who talked (%(engaged)s) and people who said no (%(declined)s) "
                    "add up to more than the people approached (%(approached)s)."
                )
                % numbers
            )
    return errors


@transaction.atomic
def surgery_record_counts(
    *,
    surgery: Surgery,
    people_approached: int,
    people_engaged: int,
    people_declined: int,
    people_interested: int | None = None,
    counts_note: str | None = None,
    actor,
) -> Surgery:
    """Set the counts outright: for correcting a mistake, or entering the
    numbers after the surgery. ``counts_note`` is the reps' note about the
    numbers; the planner's note (``Surgery.notes``) is never touched here."""
    access.require(access.may_log_at_surgery(actor, surgery), access.REFUSE_LOG_AT_SURGERY)
    check_surgery_is_open(surgery)
    if people_interested is None:
        people_interested = min(surgery.people_interested, people_engaged)
    errors = count_errors(
        people_approached=people_approached,
        people_engaged=people_engaged,
        people_declined=people_declined,
        people_interested=people_interested,
    )
    if counts_note is not None:
        counts_note = counts_note.strip()
        if len(counts_note) > NOTE_MAX:
            errors["counts_note"] = _("Notes must be %(max)s characters or fewer.") % {
                "max": NOTE_MAX
            }
    if errors:
        raise ValidationError(errors)
    if counts_note:
        check_no_personal_data(counts_note=counts_note)
    locked = lock_open_surgery(surgery)
    before = {name: getattr(locked, name) for name in [*COUNT_FIELDS, "counts_note"]}
    after = {
        "people_approached": people_approached,
        "people_engaged": people_engaged,
        "people_declined": people_declined,
        "people_interested": people_interested,
    }
    fields = list(COUNT_FIELDS)
    if counts_note is not None:
        after["counts_note"] = counts_note
        fields.append("counts_note")
    for name, value in after.items():
        setattr(locked, name, value)
        setattr(surgery, name, value)
    locked.save(update_fields=fields)
    audit_record(
        organisation=surgery.organisation,
        actor=actor,
        action="surgery.counts_recorded",
        obj=surgery,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return surgery
