"""Planning surgeries: schedule, change, cancel."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import audit_record
from councils.models import Council, Organisation, Site
from councils.privacy import check_no_personal_data

from .. import access, selectors
from ..models import Surgery
from .limits import LOG_BACK, NOTE_MAX, PLAN_AHEAD


def check_surgery_fields(
    *,
    organisation: Organisation,
    council: Council,
    site: Site,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    reps: list,
    notes: str,
) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if council.organisation_id != organisation.pk:
        errors["council"] = _("Choose a council from this organisation.")
    if site.organisation_id != organisation.pk:
        errors["site"] = _("Choose a site from this organisation.")
    elif not site.is_active:
        errors["site"] = _("Surgeries no longer happen at this site. Choose another site.")
    if date > today + PLAN_AHEAD:
        errors["date"] = _("Choose a date within the next 12 months.")
    elif date < today - LOG_BACK:
        errors["date"] = _("Choose a date within the last 12 months.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The end time must be after the start time.")
    if "council" not in errors:
        allowed = set(selectors.reps_of_council(council).values_list("pk", flat=True))
        strangers = [str(r) for r in reps if r.pk not in allowed]
        if strangers:
            errors["reps"] = _("Only reps of %(council)s can attend. Remove %(names)s.") % {
                "council": council,
                "names": ", ".join(strangers),
            }
    if len(notes) > NOTE_MAX:
        errors["notes"] = _("Notes must be %(max)s characters or fewer.") % {"max": NOTE_MAX}
    if errors:
        raise ValidationError(errors)
    check_no_personal_data(notes=notes)


@transaction.atomic
def surgery_schedule(
    *,
    organisation: Organisation,
    council: Council,
    site: Site,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    reps: list,
    notes: str = "",
    actor,
) -> Surgery:
    notes = notes.strip()
    check_surgery_fields(
        organisation=organisation,
        council=council,
        site=site,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        reps=reps,
        notes=notes,
    )
    access.require(access.may_plan_surgery(actor, council), access.REFUSE_PLAN_SURGERY)
    surgery = Surgery.objects.create(
        organisation=organisation,
        council=council,
        site=site,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        notes=notes,
        created_by=actor,
    )
    surgery.reps.set(reps)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="surgery.scheduled",
        obj=surgery,
        changes={
            "council": council.name,
            "site": site.name,
            "date": date,
            "times": f"{starts_at:%H:%M}–{ends_at:%H:%M}",
            "reps": [str(r) for r in reps],
        },
    )
    return surgery


@transaction.atomic
def surgery_update(
    *,
    surgery: Surgery,
    council: Council,
    site: Site,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    reps: list,
    notes: str = "",
    actor,
) -> Surgery:
    access.require(access.may_change_surgery(actor, surgery), access.REFUSE_PLAN_SURGERY)
    notes = notes.strip()
    check_surgery_fields(
        organisation=surgery.organisation,
        council=council,
        site=site,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        reps=reps,
        notes=notes,
    )
    access.require(access.may_plan_surgery(actor, council), access.REFUSE_PLAN_SURGERY)
    # Feedback may be logged at this surgery while the form is open.
    locked = (
        Surgery.objects.select_for_update().select_related("council", "site").get(pk=surgery.pk)
    )
    has_feedback = locked.feedback_items.exists()
    if has_feedback and council.pk != locked.council_id:
        raise ValidationError(
            {
                "council": _(
                    "Feedback has been logged at this surgery, so its council cannot change."
                )
            }
        )
    if has_feedback and date != locked.date:
        raise ValidationError(
            {"date": _("Feedback has been logged at this surgery, so its date cannot change.")}
        )
    before = {
        "council": locked.council.name,
        "site": locked.site.name,
        "date": locked.date,
        "starts_at": locked.starts_at,
        "ends_at": locked.ends_at,
        "reps": sorted(str(r) for r in locked.reps.all()),
    }
    fields = ["council", "site", "date", "starts_at", "ends_at", "notes"]
    values = {
        "council": council,
        "site": site,
        "date": date,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "notes": notes,
    }
    for name, value in values.items():
        setattr(locked, name, value)
        setattr(surgery, name, value)
    locked.save(update_fields=fields)
    locked.reps.set(reps)
    if has_feedback:
        locked.feedback_items.exclude(site=site).update(site=site)
    after = {
        "council": council.name,
        "site": site.name,
        "date": date,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "reps": sorted(str(r) for r in reps),
    }
    audit_record(
        organisation=surgery.organisation,
        actor=actor,
        action="surgery.updated",
        obj=surgery,
        changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
    )
    return surgery


@transaction.atomic
def surgery_cancel(*, surgery: Surgery, actor) -> Surgery:
    access.require(access.may_change_surgery(actor, surgery), access.REFUSE_PLAN_SURGERY)
    # A rep may be counting at this moment: decide on the row as it is now.
    locked = Surgery.objects.select_for_update().get(pk=surgery.pk)
    if locked.is_cancelled:
        surgery.cancelled_at = locked.cancelled_at
        return surgery
    if locked.feedback_items.exists() or locked.people_approached:
        raise ValidationError(
            _(
                "People have been counted or feedback logged at this surgery, so it cannot be "
                "cancelled."
            )
        )
    locked.cancelled_at = surgery.cancelled_at = timezone.now()
    locked.save(update_fields=["cancelled_at"])
    audit_record(
        organisation=surgery.organisation, actor=actor, action="surgery.cancelled", obj=surgery
    )
    return surgery
