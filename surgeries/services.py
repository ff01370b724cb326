"""Writes for surgeries, feedback, follow-ups, quotes, themes and the
evidence selection. Each validates, writes an audit event and schedules any
email after the transaction commits.

Audit events never copy what a person said: the audit log is read by admins,
who must not see raw feedback.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from councils.audit import audit_record
from councils.models import Council, Organisation, Site
from members.bands import AgeBand, Ethnicity, Gender, OrderType

from . import selectors
from .models import FeedbackItem, FeedbackSelection, Surgery, Theme
from .privacy import check_no_personal_data

SAID_MAX = 2000
QUOTE_MAX = 1000
NOTE_MAX = 1000
REASON_MAX = 200
COUNT_MAX = 1000
PLAN_AHEAD = dt.timedelta(days=366)
LOG_BACK = dt.timedelta(days=366)
# A tap on "add one" carries a token; a retried tap within this time is ignored.
TAP_TOKEN_TTL = 60 * 60 * 12


def _date(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


# ---------------------------------------------------------------- surgeries


def _check_surgery_fields(
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
        errors["council"] = "Choose a council from this organisation."
    if site.organisation_id != organisation.pk:
        errors["site"] = "Choose a site from this organisation."
    elif not site.is_active:
        errors["site"] = "Surgeries no longer happen at this site. Choose another site."
    if date > today + PLAN_AHEAD:
        errors["date"] = "Choose a date within the next 12 months."
    elif date < today - LOG_BACK:
        errors["date"] = "Choose a date within the last 12 months."
    if ends_at <= starts_at:
        errors["ends_at"] = "The end time must be after the start time."
    if "council" not in errors:
        allowed = set(selectors.reps_of_council(council).values_list("pk", flat=True))
        strangers = [str(r) for r in reps if r.pk not in allowed]
        if strangers:
            errors["reps"] = f"Only reps of {council} can attend. Remove {', '.join(strangers)}."
    if len(notes) > NOTE_MAX:
        errors["notes"] = f"Notes must be {NOTE_MAX} characters or fewer."
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
    _check_surgery_fields(
        organisation=organisation,
        council=council,
        site=site,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        reps=reps,
        notes=notes,
    )
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
    notes = notes.strip()
    _check_surgery_fields(
        organisation=surgery.organisation,
        council=council,
        site=site,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        reps=reps,
        notes=notes,
    )
    has_feedback = surgery.feedback_items.exists()
    if has_feedback and council.pk != surgery.council_id:
        raise ValidationError(
            {"council": "Feedback has been logged at this surgery, so its council cannot change."}
        )
    if has_feedback and date != surgery.date:
        raise ValidationError(
            {"date": "Feedback has been logged at this surgery, so its date cannot change."}
        )
    before = {
        "council": surgery.council.name,
        "site": surgery.site.name,
        "date": surgery.date,
        "starts_at": surgery.starts_at,
        "ends_at": surgery.ends_at,
        "reps": sorted(str(r) for r in surgery.reps.all()),
    }
    surgery.council, surgery.site, surgery.date = council, site, date
    surgery.starts_at, surgery.ends_at, surgery.notes = starts_at, ends_at, notes
    surgery.save(update_fields=["council", "site", "date", "starts_at", "ends_at", "notes"])
    surgery.reps.set(reps)
    if has_feedback:
        surgery.feedback_items.exclude(site=site).update(site=site)
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
    if surgery.is_cancelled:
        return surgery
    if surgery.feedback_items.exists() or surgery.people_approached:
        raise ValidationError(
            "People have been counted or feedback logged at this surgery, so it cannot be "
            "cancelled."
        )
    surgery.cancelled_at = timezone.now()
    surgery.save(update_fields=["cancelled_at"])
    audit_record(
        organisation=surgery.organisation, actor=actor, action="surgery.cancelled", obj=surgery
    )
    return surgery


def _check_surgery_is_open(surgery: Surgery) -> None:
    if surgery.is_cancelled:
        raise ValidationError("This surgery was cancelled.")
    if surgery.date > timezone.localdate():
        raise ValidationError(
            f"This surgery is on {_date(surgery.date)}. You can count people and log feedback "
            "on the day."
        )


COUNT_OUTCOMES = {"engaged", "declined", "approached"}


@transaction.atomic
def surgery_count_person(
    *, surgery: Surgery, outcome: str, reason: str = "", token: str = "", actor
) -> bool:
    """Add one person: they talked (engaged), said no (declined), or were
    approached and neither. Every person counted was approached.

    Returns False when the same tap arrives twice (a retry on a bad
    connection), which is then not counted again."""
    _check_surgery_is_open(surgery)
    if outcome not in COUNT_OUTCOMES:
        raise ValidationError("Choose who to count.")
    reason = reason.strip() if outcome == "declined" else ""
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": f"Keep the reason short: {REASON_MAX} characters or fewer."}
        )
    check_no_personal_data(reason=reason)
    locked = Surgery.objects.select_for_update().get(pk=surgery.pk)
    if locked.people_approached >= COUNT_MAX:
        raise ValidationError(f"A surgery can count up to {COUNT_MAX} people.")
    if token and not cache.add(f"surgeries:tap:{token}", 1, TAP_TOKEN_TTL):
        return False
    locked.people_approached += 1
    fields = ["people_approached"]
    if outcome == "engaged":
        locked.people_engaged += 1
        fields.append("people_engaged")
    elif outcome == "declined":
        locked.people_declined += 1
        fields.append("people_declined")
        if reason:
            locked.declined_reasons = "\n".join(filter(None, [locked.declined_reasons, reason]))
            fields.append("declined_reasons")
    locked.save(update_fields=fields)
    for name in fields:
        setattr(surgery, name, getattr(locked, name))
    audit_record(
        organisation=surgery.organisation,
        actor=actor,
        action="surgery.person_counted",
        obj=surgery,
        changes={"outcome": outcome},
    )
    return True


@transaction.atomic
def surgery_record_counts(
    *,
    surgery: Surgery,
    people_approached: int,
    people_engaged: int,
    people_declined: int,
    notes: str | None = None,
    actor,
) -> Surgery:
    """Set the counts outright: for correcting a mistake, or entering the
    numbers after the surgery."""
    _check_surgery_is_open(surgery)
    errors: dict[str, str] = {}
    for name, value in (
        ("people_approached", people_approached),
        ("people_engaged", people_engaged),
        ("people_declined", people_declined),
    ):
        if value < 0:
            errors[name] = "Enter 0 or more."
        elif value > COUNT_MAX:
            errors[name] = f"Enter a number up to {COUNT_MAX}."
    if not errors:
        if people_engaged > people_approached:
            errors["people_engaged"] = (
                f"People who talked ({people_engaged}) cannot be more than the people "
                f"approached ({people_approached})."
            )
        elif people_engaged + people_declined > people_approached:
            errors["people_declined"] = (
                f"People who talked ({people_engaged}) and people who said no "
                f"({people_declined}) add up to more than the people approached "
                f"({people_approached})."
            )
    if notes is not None:
        notes = notes.strip()
        if len(notes) > NOTE_MAX:
            errors["notes"] = f"Notes must be {NOTE_MAX} characters or fewer."
    if errors:
        raise ValidationError(errors)
    if notes:
        check_no_personal_data(notes=notes)
    locked = Surgery.objects.select_for_update().get(pk=surgery.pk)
    before = {
        "people_approached": locked.people_approached,
        "people_engaged": locked.people_engaged,
        "people_declined": locked.people_declined,
    }
    surgery.people_approached = people_approached
    surgery.people_engaged = people_engaged
    surgery.people_declined = people_declined
    fields = list(before)
    if notes is not None:
        surgery.notes = notes
        fields.append("notes")
    surgery.save(update_fields=fields)
    after = {name: getattr(surgery, name) for name in before}
    audit_record(
        organisation=surgery.organisation,
        actor=actor,
        action="surgery.counts_recorded",
        obj=surgery,
        changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
    )
    return surgery


# ---------------------------------------------------------------- feedback

BAND_FIELDS = {
    "gender": Gender,
    "age_band": AgeBand,
    "ethnicity": Ethnicity,
    "order_type": OrderType,
}


def _check_feedback_fields(
    *,
    organisation: Organisation,
    theme: Theme,
    kind: str,
    said: str,
    suggestion: str,
    received_on: dt.date,
    site: Site | None,
    follow_up: str,
    bands: dict[str, str],
    theme_unchanged: bool = False,
) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if theme is None or theme.organisation_id != organisation.pk:
        errors["theme"] = "Choose a theme from the list."
    elif not theme.is_active and not theme_unchanged:
        errors["theme"] = f"The theme ‘{theme}’ is no longer used. Choose another theme."
    if kind not in FeedbackItem.Kind.values:
        errors["kind"] = "Choose whether it is a problem, something good or an idea."
    if not said:
        errors["said"] = "Write what the person said."
    elif len(said) > SAID_MAX:
        errors["said"] = (
            f"What the person said must be {SAID_MAX} characters or fewer. It is {len(said)} now."
        )
    if len(suggestion) > SAID_MAX:
        errors["suggestion"] = (
            f"What they suggest must be {SAID_MAX} characters or fewer. "
            f"It is {len(suggestion)} now."
        )
    if received_on > today:
        errors["received_on"] = "The date cannot be in the future."
    elif received_on < today - LOG_BACK:
        errors["received_on"] = "Enter a date in the last 12 months."
    if site is not None and site.organisation_id != organisation.pk:
        errors["site"] = "Choose a site from this organisation."
    if follow_up not in FeedbackItem.FollowUp.values:
        errors["follow_up"] = "Choose whether a follow-up is needed."
    for name, choices in BAND_FIELDS.items():
        if bands.get(name, "") not in ["", *choices.values]:
            errors[name] = "Choose from the list, or leave it blank."
    if errors:
        raise ValidationError(errors)
    check_no_personal_data(said=said, suggestion=suggestion)


@transaction.atomic
def feedback_log(
    *,
    organisation: Organisation,
    council: Council,
    theme: Theme,
    kind: str,
    said: str,
    suggestion: str = "",
    received_on: dt.date | None = None,
    channel: str = FeedbackItem.Channel.SURGERY,
    surgery: Surgery | None = None,
    site: Site | None = None,
    gender: str = "",
    age_band: str = "",
    ethnicity: str = "",
    order_type: str = "",
    consent_to_quote: bool = False,
    follow_up: str = "",
    submission_token: str | None = None,
    actor,
) -> tuple[FeedbackItem, bool]:
    """Log what one person said. Returns (item, created).

    A submission token that has been used already returns the item it made,
    so a form sent twice on a bad connection never makes a duplicate."""
    submission_token = (submission_token or "").strip() or None
    if submission_token:
        existing = FeedbackItem.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            if existing.organisation_id != organisation.pk or existing.logged_by_id != actor.pk:
                raise ValidationError("This form has been used already. Reload the page.")
            return existing, False
    said, suggestion = said.strip(), suggestion.strip()
    if council.organisation_id != organisation.pk:
        raise ValidationError({"council": "Choose a council from this organisation."})
    if channel not in FeedbackItem.Channel.values:
        raise ValidationError({"channel": "Choose where the feedback came from."})
    if channel == FeedbackItem.Channel.SURGERY:
        if surgery is None:
            raise ValidationError(
                {"channel": "Feedback from a surgery is logged on the surgery's page."}
            )
        if surgery.organisation_id != organisation.pk or surgery.council_id != council.pk:
            raise ValidationError("This surgery belongs to another council.")
        _check_surgery_is_open(surgery)
        received_on, site = surgery.date, surgery.site
    elif surgery is not None:
        raise ValidationError({"channel": "Feedback at a surgery has the channel ‘Surgery’."})
    received_on = received_on or timezone.localdate()
    bands = {
        "gender": gender,
        "age_band": age_band,
        "ethnicity": ethnicity,
        "order_type": order_type,
    }
    _check_feedback_fields(
        organisation=organisation,
        theme=theme,
        kind=kind,
        said=said,
        suggestion=suggestion,
        received_on=received_on,
        site=site,
        follow_up=follow_up,
        bands=bands,
    )
    try:
        with transaction.atomic():
            item = FeedbackItem.objects.create(
                organisation=organisation,
                council=council,
                surgery=surgery,
                site=site,
                channel=channel,
                theme=theme,
                kind=kind,
                said=said,
                suggestion=suggestion,
                received_on=received_on,
                consent_to_quote=consent_to_quote,
                follow_up=follow_up,
                logged_by=actor,
                submission_token=submission_token,
                **bands,
            )
    except IntegrityError:
        # The same form arrived twice at the same moment: the other one won.
        existing = FeedbackItem.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, False
    audit_record(
        organisation=organisation,
        actor=actor,
        action="feedback.logged",
        obj=item,
        changes={
            "council": council.name,
            "channel": channel,
            "theme": theme.name,
            "kind": kind,
            "follow_up": follow_up,
        },
    )
    if follow_up == FeedbackItem.FollowUp.SAFEGUARDING:
        _schedule_safeguarding_notice(item)
    return item, True


CORRECTABLE = [
    "theme",
    "kind",
    "said",
    "suggestion",
    "received_on",
    "site",
    "gender",
    "age_band",
    "ethnicity",
    "order_type",
    "consent_to_quote",
    "follow_up",
]


@transaction.atomic
def feedback_correct(*, item: FeedbackItem, actor, **changes) -> FeedbackItem:
    """The rep who logged an item corrects it, within 24 hours."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"Cannot correct {sorted(unknown)}")
    if not item.can_be_corrected_by(actor):
        raise ValidationError(
            "Only the person who logged this feedback can correct it, for 24 hours."
        )
    values = {name: getattr(item, name) for name in CORRECTABLE}
    values.update(changes)
    values["said"] = (values["said"] or "").strip()
    values["suggestion"] = (values["suggestion"] or "").strip()
    if item.surgery_id:
        # At a surgery, the date and site are the surgery's.
        values["received_on"], values["site"] = item.received_on, item.site
    _check_feedback_fields(
        organisation=item.organisation,
        theme=values["theme"],
        kind=values["kind"],
        said=values["said"],
        suggestion=values["suggestion"],
        received_on=values["received_on"],
        site=values["site"],
        follow_up=values["follow_up"],
        bands={name: values[name] for name in BAND_FIELDS},
        theme_unchanged=values["theme"] is not None and values["theme"].pk == item.theme_id,
    )
    changed = [name for name in CORRECTABLE if getattr(item, name) != values[name]]
    if not changed:
        return item
    newly_safeguarding = (
        values["follow_up"] == FeedbackItem.FollowUp.SAFEGUARDING
        and item.follow_up != FeedbackItem.FollowUp.SAFEGUARDING
    )
    for name in changed:
        setattr(item, name, values[name])
    fields = list(changed)
    # An approved quote was checked against the old words, or consent is gone.
    if item.quote_status and ("said" in changed or not item.consent_to_quote):
        item.quote_status, item.approved_quote = "", ""
        item.quote_reviewed_at = item.quote_reviewed_by = None
        fields += ["quote_status", "approved_quote", "quote_reviewed_at", "quote_reviewed_by"]
    if "follow_up" in changed:
        item.follow_up_closed_at = item.follow_up_closed_by = item.follow_up_notified_at = None
        item.follow_up_note = ""
        fields += [
            "follow_up_closed_at",
            "follow_up_closed_by",
            "follow_up_note",
            "follow_up_notified_at",
        ]
    item.save(update_fields=[*fields, "updated_at"])
    audit_record(
        organisation=item.organisation,
        actor=actor,
        action="feedback.corrected",
        obj=item,
        # Which fields changed, never the words themselves.
        changes={"fields": changed},
    )
    if newly_safeguarding:
        _schedule_safeguarding_notice(item)
    return item


# ---------------------------------------------------------------- follow-ups


def _schedule_safeguarding_notice(item: FeedbackItem) -> None:
    from .tasks import notify_safeguarding_concern

    item_id = item.pk
    transaction.on_commit(lambda: notify_safeguarding_concern.delay(item_id))


def safeguarding_notice_send(*, item_id: int) -> int:
    """Email the council's coordinators about a safeguarding concern. Safe to
    run twice: the first run claims the item. Returns how many were emailed.

    The email says where and when, never what was said: email is not the
    place for raw feedback."""
    claimed = FeedbackItem.objects.filter(
        pk=item_id,
        follow_up=FeedbackItem.FollowUp.SAFEGUARDING,
        follow_up_closed_at__isnull=True,
        follow_up_notified_at__isnull=True,
    ).update(follow_up_notified_at=timezone.now())
    if not claimed:
        return 0
    item = FeedbackItem.objects.select_related(
        "organisation", "council", "site", "theme", "logged_by"
    ).get(pk=item_id)
    recipients = [
        person.email for person in selectors.coordinators_of_council(item.council) if person.email
    ]
    if not recipients:
        return 0
    path = reverse("followup_list", kwargs={"org_slug": item.organisation.slug})
    context = {
        "item": item,
        "link": f"{settings.SITE_URL}{path}",
        "close_link": settings.SITE_URL
        + reverse(
            "followup_close",
            kwargs={"org_slug": item.organisation.slug, "feedback_id": item.public_id},
        ),
    }
    send_mail(
        subject=f"Safeguarding concern logged for {item.council}",
        message=render_to_string("surgeries/email/safeguarding.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)


@transaction.atomic
def followup_close(*, item: FeedbackItem, note: str, actor) -> FeedbackItem:
    note = note.strip()
    if not item.follow_up_is_open:
        raise ValidationError("This follow-up is already closed.")
    if not note:
        raise ValidationError({"note": "Write what was done, so the follow-up can be closed."})
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"The note must be {NOTE_MAX} characters or fewer."})
    check_no_personal_data(note=note)
    item.follow_up_closed_at = timezone.now()
    item.follow_up_closed_by = actor
    item.follow_up_note = note
    item.save(update_fields=["follow_up_closed_at", "follow_up_closed_by", "follow_up_note"])
    audit_record(
        organisation=item.organisation,
        actor=actor,
        action="feedback.follow_up_closed",
        obj=item,
        changes={"follow_up": item.follow_up},
    )
    return item


# ---------------------------------------------------------------- quotes


@transaction.atomic
def quote_approve(*, item: FeedbackItem, text: str, actor) -> FeedbackItem:
    """Approve words for publication, edited to remove staff names."""
    text = text.strip()
    if not item.consent_to_quote:
        raise ValidationError("This person did not agree to be quoted.")
    if not text:
        raise ValidationError({"text": "Write the words to publish."})
    if len(text) > QUOTE_MAX:
        raise ValidationError({"text": f"A quote must be {QUOTE_MAX} characters or fewer."})
    check_no_personal_data(text=text)
    item.quote_status = FeedbackItem.QuoteStatus.APPROVED
    item.approved_quote = text
    item.quote_reviewed_at = timezone.now()
    item.quote_reviewed_by = actor
    item.save(
        update_fields=["quote_status", "approved_quote", "quote_reviewed_at", "quote_reviewed_by"]
    )
    audit_record(
        organisation=item.organisation,
        actor=actor,
        action="feedback.quote_approved",
        obj=item,
        changes={"edited": text != item.said.strip()},
    )
    return item


@transaction.atomic
def quote_reject(*, item: FeedbackItem, actor) -> FeedbackItem:
    item.quote_status = FeedbackItem.QuoteStatus.REJECTED
    item.approved_quote = ""
    item.quote_reviewed_at = timezone.now()
    item.quote_reviewed_by = actor
    item.save(
        update_fields=["quote_status", "approved_quote", "quote_reviewed_at", "quote_reviewed_by"]
    )
    audit_record(
        organisation=item.organisation, actor=actor, action="feedback.quote_rejected", obj=item
    )
    return item


# ---------------------------------------------------------------- themes

THEME_NAME_MAX = 100


def _check_theme_name(organisation: Organisation, name: str, exclude_pk=None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the theme's name."})
    if len(name) > THEME_NAME_MAX:
        raise ValidationError({"name": f"Keep the name to {THEME_NAME_MAX} characters or fewer."})
    clash = Theme.objects.filter(organisation=organisation, name__iexact=name)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already a theme called ‘{name}’."})
    return name


@transaction.atomic
def theme_create(*, organisation: Organisation, name: str, actor) -> Theme:
    name = _check_theme_name(organisation, name)
    last = Theme.objects.filter(organisation=organisation).aggregate(m=Max("position"))["m"]
    theme = Theme.objects.create(organisation=organisation, name=name, position=(last or 0) + 1)
    audit_record(
        organisation=organisation,
        actor=actor,
        action="theme.created",
        obj=theme,
        changes={"name": name},
    )
    return theme


@transaction.atomic
def theme_rename(*, theme: Theme, name: str, actor) -> Theme:
    name = _check_theme_name(theme.organisation, name, exclude_pk=theme.pk)
    old = theme.name
    if name == old:
        return theme
    theme.name = name
    theme.save(update_fields=["name"])
    audit_record(
        organisation=theme.organisation,
        actor=actor,
        action="theme.renamed",
        obj=theme,
        changes={"name": [old, name]},
    )
    return theme


@transaction.atomic
def theme_set_active(*, theme: Theme, is_active: bool, actor) -> Theme:
    """Retire a theme (it disappears from the forms, its feedback keeps it)
    or bring it back. Themes are never deleted."""
    if theme.is_active == is_active:
        return theme
    theme.is_active = is_active
    theme.save(update_fields=["is_active"])
    audit_record(
        organisation=theme.organisation,
        actor=actor,
        action="theme.restored" if is_active else "theme.retired",
        obj=theme,
    )
    return theme


# ---------------------------------------------------------------- evidence selection


def _items_of_council(council: Council, items) -> list[FeedbackItem]:
    items = list(items)
    if any(
        item.council_id != council.pk or item.organisation_id != council.organisation_id
        for item in items
    ):
        raise ValidationError("Choose feedback from this council.")
    return items


@transaction.atomic
def feedback_selection_add(*, user, council: Council, items) -> int:
    """Add items to the person's evidence for a proposal. Returns how many
    were new."""
    items = _items_of_council(council, items)
    already = set(
        FeedbackSelection.objects.filter(user=user, item__in=items).values_list(
            "item_id", flat=True
        )
    )
    new = [
        FeedbackSelection(
            organisation_id=council.organisation_id, user=user, council=council, item=item
        )
        for item in items
        if item.pk not in already
    ]
    FeedbackSelection.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def feedback_selection_remove(*, user, council: Council, items) -> int:
    items = _items_of_council(council, items)
    deleted, _ = FeedbackSelection.objects.filter(
        user=user, council=council, item__in=items
    ).delete()
    return deleted


@transaction.atomic
def feedback_selection_clear(*, user, council: Council) -> int:
    """Empty the selection, for example once a proposal has been drafted."""
    deleted, _ = FeedbackSelection.objects.filter(user=user, council=council).delete()
    return deleted
