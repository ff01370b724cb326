"""Logging what people said, and correcting it within a day.

Audit events never copy what a person said: the audit log is read by admins,
who must not see raw feedback."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from councils.after_commit import after_commit
from councils.audit import audit_record
from councils.models import Council, Organisation, Site
from councils.privacy import check_no_personal_data
from members.bands import AgeBand, Ethnicity, Gender, OrderType

from .. import access
from ..models import FeedbackItem, Surgery, Theme
from ..tasks import notify_safeguarding_concern
from .counting import check_surgery_is_open, lock_open_surgery
from .limits import LOG_BACK, SAID_MAX, SIGNPOSTED_OTHER_MAX

BAND_FIELDS = {
    "gender": Gender,
    "age_band": AgeBand,
    "ethnicity": Ethnicity,
    "order_type": OrderType,
}


def check_feedback_fields(
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
        errors["theme"] = _("Choose a theme from the list.")
    elif not theme.is_active and not theme_unchanged:
        errors["theme"] = _("The theme ‘%(theme)s’ is no longer used. Choose another theme.") % {
            "theme": theme
        }
    if kind not in FeedbackItem.Kind.values:
        errors["kind"] = _("Choose whether it is a problem, something good or an idea.")
    if not said:
        errors["said"] = _("Write what the person said.")
    elif len(said) > SAID_MAX:
        errors["said"] = _(
            "What the person said must be %(max)s characters or fewer. It is %(length)s now."
        ) % {"max": SAID_MAX, "length": len(said)}
    if len(suggestion) > SAID_MAX:
        errors["suggestion"] = _(
            "What they suggest must be %(max)s characters or fewer. It is %(length)s now."
        ) % {"max": SAID_MAX, "length": len(suggestion)}
    if received_on > today:
        errors["received_on"] = _("The date cannot be in the future.")
    elif received_on < today - LOG_BACK:
        errors["received_on"] = _("Enter a date in the last 12 months.")
    if site is not None and site.organisation_id != organisation.pk:
        errors["site"] = _("Choose a site from this organisation.")
    if follow_up not in FeedbackItem.FollowUp.values:
        errors["follow_up"] = _("Choose whether a follow-up is needed.")
    for name, choices in BAND_FIELDS.items():
        if bands.get(name, "") not in ["", *choices.values]:
            errors[name] = _("Choose from the list, or leave it blank.")
    if errors:
        raise ValidationError(errors)
    check_no_personal_data(said=said, suggestion=suggestion)


def clean_signposting(*, follow_up: str, signposted_to: str, signposted_to_other: str):
    """Where someone was signposted (optional). Saying where means they were
    signposted: with no follow-up chosen, the follow-up becomes "signposted"
    (a safeguarding concern stays one). Words only for "somewhere else".
    Returns (follow_up, signposted_to, signposted_to_other)."""
    signposted_to = (signposted_to or "").strip()
    signposted_to_other = (signposted_to_other or "").strip()
    if signposted_to not in ["", *FeedbackItem.SignpostedTo.values]:
        raise ValidationError({"signposted_to": _("Choose from the list, or leave it blank.")})
    if signposted_to_other and not signposted_to:
        signposted_to = FeedbackItem.SignpostedTo.OTHER
    if signposted_to != FeedbackItem.SignpostedTo.OTHER:
        signposted_to_other = ""
    if len(signposted_to_other) > SIGNPOSTED_OTHER_MAX:
        raise ValidationError(
            {
                "signposted_to_other": _("Keep it to %(max)s characters or fewer.")
                % {"max": SIGNPOSTED_OTHER_MAX}
            }
        )
    check_no_personal_data(signposted_to_other=signposted_to_other)
    if signposted_to and not follow_up:
        follow_up = FeedbackItem.FollowUp.SIGNPOSTED
    return follow_up, signposted_to, signposted_to_other


TOKEN_USED = "token_used"


def check_same_words(
    existing: FeedbackItem, *, theme: Theme, kind: str, said: str, suggestion: str
) -> None:
    """A token sent again is a retry only if it carries the same words. New
    words under an old token (a restored draft, a corrected typo) are refused
    rather than thrown away, so the rep can save them as a new item."""
    same = (
        existing.theme_id == getattr(theme, "pk", None)
        and existing.kind == kind
        and existing.said == said.strip()
        and existing.suggestion == suggestion.strip()
    )
    if not same:
        raise ValidationError(
            _(
                "These words are not saved yet. This form was used already for the "
                "feedback about %(theme)s logged at %(time)s. Check the words below, "
                "then save them again."
            )
            % {"theme": existing.theme, "time": logged_time(existing)},
            code=TOKEN_USED,
        )


def logged_time(item: FeedbackItem) -> str:
    return dateformat.time_format(timezone.localtime(item.created_at), "H:i")


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
    signposted_to: str = "",
    signposted_to_other: str = "",
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
                raise ValidationError(_("This form has been used already. Reload the page."))
            check_same_words(existing, theme=theme, kind=kind, said=said, suggestion=suggestion)
            return existing, False
    said, suggestion = said.strip(), suggestion.strip()
    if council.organisation_id != organisation.pk:
        raise ValidationError({"council": _("Choose a council from this organisation.")})
    if channel not in FeedbackItem.Channel.values:
        raise ValidationError({"channel": _("Choose where the feedback came from.")})
    if channel == FeedbackItem.Channel.SURGERY:
        if surgery is None:
            raise ValidationError(
                {"channel": _("Feedback from a surgery is logged on the surgery's page.")}
            )
        if surgery.organisation_id != organisation.pk or surgery.council_id != council.pk:
            raise ValidationError(_("This surgery belongs to another council."))
        access.require(access.may_log_at_surgery(actor, surgery), access.REFUSE_LOG_AT_SURGERY)
        check_surgery_is_open(surgery)
        received_on, site = surgery.date, surgery.site
    elif surgery is not None:
        raise ValidationError({"channel": _("Feedback at a surgery has the channel ‘Surgery’.")})
    else:
        access.require(access.may_log_feedback(actor, council), access.REFUSE_LOG_FEEDBACK)
    received_on = received_on or timezone.localdate()
    bands = {
        "gender": gender,
        "age_band": age_band,
        "ethnicity": ethnicity,
        "order_type": order_type,
    }
    check_feedback_fields(
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
    follow_up, signposted_to, signposted_to_other = clean_signposting(
        follow_up=follow_up, signposted_to=signposted_to, signposted_to_other=signposted_to_other
    )
    if surgery is not None:
        # Holds off a cancellation until this item is in: a cancelled surgery
        # never has feedback.
        lock_open_surgery(surgery)
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
                signposted_to=signposted_to,
                signposted_to_other=signposted_to_other,
                logged_by=actor,
                submission_token=submission_token,
                **bands,
            )
    except IntegrityError:
        # The same form arrived twice at the same moment: the other one won.
        existing = FeedbackItem.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        check_same_words(existing, theme=theme, kind=kind, said=said, suggestion=suggestion)
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
            "signposted_to": signposted_to,
        },
    )
    if follow_up == FeedbackItem.FollowUp.SAFEGUARDING:
        after_commit(notify_safeguarding_concern, item.pk)
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
    "signposted_to",
    "signposted_to_other",
]
QUOTE_FIELDS = ["quote_status", "approved_quote", "quote_reviewed_at", "quote_reviewed_by"]
FOLLOW_UP_FIELDS = [
    "follow_up_closed_at",
    "follow_up_closed_by",
    "follow_up_note",
    "follow_up_notified_at",
]


@transaction.atomic
def feedback_correct(*, item: FeedbackItem, actor, **changes) -> FeedbackItem:
    """The rep who logged an item corrects it, within 24 hours."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise TypeError(f"Cannot correct {sorted(unknown)}")
    access.require(access.may_correct_feedback(actor, item), access.REFUSE_CORRECT_FEEDBACK)
    # A coordinator may be approving the quote or closing the follow-up at
    # this moment: correct the row as it is now.
    locked = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    values = {name: getattr(locked, name) for name in CORRECTABLE}
    values.update(changes)
    values["said"] = (values["said"] or "").strip()
    values["suggestion"] = (values["suggestion"] or "").strip()
    if locked.surgery_id:
        # At a surgery, the date and site are the surgery's.
        values["received_on"], values["site"] = locked.received_on, locked.site
    check_feedback_fields(
        organisation=locked.organisation,
        theme=values["theme"],
        kind=values["kind"],
        said=values["said"],
        suggestion=values["suggestion"],
        received_on=values["received_on"],
        site=values["site"],
        follow_up=values["follow_up"],
        bands={name: values[name] for name in BAND_FIELDS},
        theme_unchanged=values["theme"] is not None and values["theme"].pk == locked.theme_id,
    )
    values["follow_up"], values["signposted_to"], values["signposted_to_other"] = clean_signposting(
        follow_up=values["follow_up"],
        signposted_to=values["signposted_to"],
        signposted_to_other=values["signposted_to_other"],
    )
    changed = [name for name in CORRECTABLE if getattr(locked, name) != values[name]]
    if not changed:
        return item
    newly_safeguarding = (
        values["follow_up"] == FeedbackItem.FollowUp.SAFEGUARDING
        and locked.follow_up != FeedbackItem.FollowUp.SAFEGUARDING
    )
    for name in changed:
        setattr(locked, name, values[name])
    fields = list(changed)
    # An approved quote was checked against the old words, or consent is gone.
    if locked.quote_status and ("said" in changed or not locked.consent_to_quote):
        locked.quote_status, locked.approved_quote = "", ""
        locked.quote_reviewed_at = locked.quote_reviewed_by = None
        fields += QUOTE_FIELDS
    if "follow_up" in changed:
        locked.follow_up_closed_at = locked.follow_up_closed_by = None
        locked.follow_up_notified_at = None
        locked.follow_up_note = ""
        fields += FOLLOW_UP_FIELDS
    fields.append("updated_at")
    locked.save(update_fields=fields)
    for name in fields:
        setattr(item, name, getattr(locked, name))
    audit_record(
        organisation=item.organisation,
        actor=actor,
        action="feedback.corrected",
        obj=item,
        # Which fields changed, never the words themselves.
        changes={"fields": changed},
    )
    if newly_safeguarding:
        after_commit(notify_safeguarding_concern, item.pk)
    return item
