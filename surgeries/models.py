"""Surgeries, feedback items and themes.

Feedback is anonymous by design: no names, no identifiers. Raw items are seen
only by the council's reps and coordinators; staff see aggregates and quotes a
coordinator has approved.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from councils.models import Council, OrganisationOwned, Site
from councils.periods import day_label
from members.bands import AgeBand, Ethnicity, Gender, OrderType


class Theme(OrganisationOwned):
    """Configurable per organisation. Retired themes keep their history."""

    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="theme_name_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="theme_has_a_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Surgery(OrganisationOwned):
    """A session where reps talk to people on probation, e.g. in a reception."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="surgeries")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="surgeries")
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    reps = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="surgeries", blank=True)
    people_approached = models.PositiveIntegerField(default=0)
    people_engaged = models.PositiveIntegerField(default=0)
    people_declined = models.PositiveIntegerField(default=0)
    # People who talked and want to get involved as reps (a count, never who).
    people_interested = models.PositiveIntegerField(default=0)
    declined_reasons = models.TextField(blank=True)
    # The planner's note for the reps (which room, who to ask for). Set when
    # the surgery is planned or changed, never by correcting the numbers.
    notes = models.TextField(blank=True)
    # The reps' own note about the numbers ("the room was not booked"),
    # written with "Correct the numbers". Kept apart from the planner's note.
    counts_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-starts_at"]
        verbose_name = _("surgery")
        verbose_name_plural = _("surgeries")
        indexes = [models.Index(fields=["organisation", "council", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="surgery_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(
                    people_approached__gte=0, people_engaged__gte=0, people_declined__gte=0
                ),
                name="surgery_counts_not_negative",
            ),
            # Everyone counted was approached: those who talked and those who
            # said no are two kinds of people approached, never more.
            models.CheckConstraint(
                condition=Q(people_approached__gte=F("people_engaged") + F("people_declined")),
                name="surgery_talked_and_said_no_within_approached",
            ),
            models.CheckConstraint(
                condition=Q(people_interested__lte=F("people_engaged")),
                name="surgery_interested_within_talked",
            ),
        ]

    def __str__(self) -> str:
        return _("%(site)s on %(date)s") % {"site": self.site, "date": day_label(self.date)}

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class CountTap(OrganisationOwned):
    """One tap on a counting button ("Add 1 who talked"), kept so that a
    retried tap counts once and a mistaken one can be taken back: once,
    within ``UNDO_WINDOW``, by the rep who made it or a coordinator.

    The token comes from the page (or the phone's send queue): a tap sent
    again with the same token and button is the same tap."""

    class Outcome(models.TextChoices):
        ENGAGED = "engaged", _("talked")
        DECLINED = "declined", _("said no")
        APPROACHED = "approached", _("approached")
        INTERESTED = "interested", _("wants to get involved")

    UNDO_WINDOW = dt.timedelta(minutes=1)
    # Who one tap counted, in words.
    WHO = {
        "engaged": _("1 person who talked"),
        "declined": _("1 person who said no"),
        "approached": _("1 person approached"),
        "interested": _("1 person who wants to get involved"),
    }

    surgery = models.ForeignKey(Surgery, on_delete=models.CASCADE, related_name="taps")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.CharField(max_length=200, blank=True)
    token = models.CharField(max_length=64, null=True, blank=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("counting tap")
        verbose_name_plural = _("counting taps")
        indexes = [models.Index(fields=["surgery", "counted_by", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["surgery", "token", "outcome"],
                condition=Q(token__isnull=False),
                name="count_tap_token_once_per_button",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["engaged", "declined", "approached", "interested"]),
                name="count_tap_outcome_is_known",
            ),
        ]

    def __str__(self) -> str:
        return str(self.WHO.get(self.outcome, self.outcome))

    @property
    def undo_until(self) -> dt.datetime:
        return self.created_at + self.UNDO_WINDOW


class FeedbackItem(OrganisationOwned):
    """What one person on probation said. Never who said it."""

    class Channel(models.TextChoices):
        SURGERY = "surgery", _("Surgery")
        HUB = "hub", _("Hub discussion")
        SURVEY = "survey", _("Survey")
        SUGGESTION_BOX = "suggestion_box", _("Suggestion box")
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        THIRD_PARTY = "third_party", _("Third party")

    class Kind(models.TextChoices):
        PROBLEM = "problem", _("Problem")
        POSITIVE = "positive", _("Something good")
        IDEA = "idea", _("Idea")

    class FollowUp(models.TextChoices):
        NONE = "", _("No follow-up needed")
        SIGNPOSTED = "signposted", _("Signposted somewhere")
        SAFEGUARDING = "safeguarding", _("Safeguarding concern – tell the coordinator")

    class SignpostedTo(models.TextChoices):
        HOUSING = "housing", _("Housing")
        MONEY = "money", _("Money and debt")
        HEALTH = "health", _("Health or mental health")
        DRUGS_ALCOHOL = "drugs_alcohol", _("Drugs and alcohol")
        EMPLOYMENT = "employment", _("Employment and training")
        PRACTITIONER = "practitioner", _("Their probation practitioner")
        OTHER = "other", _("Somewhere else")

    class QuoteStatus(models.TextChoices):
        NOT_REVIEWED = "", _("Not reviewed")
        APPROVED = "approved", _("Approved for publication")
        REJECTED = "rejected", _("Not for publication")

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="feedback_items")
    surgery = models.ForeignKey(
        Surgery, on_delete=models.PROTECT, null=True, blank=True, related_name="feedback_items"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.SURGERY)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="feedback_items")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    said = models.TextField(_("what the person said"), max_length=2000)
    suggestion = models.TextField(_("what they suggest"), max_length=2000, blank=True)
    received_on = models.DateField(db_index=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    order_type = models.CharField(max_length=20, choices=OrderType.choices, blank=True)
    consent_to_quote = models.BooleanField(default=False)
    quote_status = models.CharField(
        max_length=10, choices=QuoteStatus.choices, default="", blank=True
    )
    # The approved quote, with any staff names removed by the coordinator.
    approved_quote = models.TextField(blank=True)
    quote_reviewed_at = models.DateTimeField(null=True, blank=True)
    quote_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up = models.CharField(max_length=20, choices=FollowUp.choices, default="", blank=True)
    follow_up_closed_at = models.DateTimeField(null=True, blank=True)
    follow_up_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_note = models.TextField(blank=True)
    # Where the rep pointed the person, when they were signposted: a kind of
    # service, never a person's name. Optional.
    signposted_to = models.CharField(
        max_length=20, choices=SignpostedTo.choices, default="", blank=True
    )
    signposted_to_other = models.CharField(max_length=100, blank=True)
    # Set when the coordinators have been told; claimed with a conditional
    # update so that a task run twice sends one email.
    follow_up_notified_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The form sends a random token; a resubmission with the same token is the
    # same item, so a retry on a bad connection never makes a duplicate.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-created_at"]
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        indexes = [
            models.Index(fields=["organisation", "council", "received_on"]),
            models.Index(fields=["organisation", "theme", "received_on"]),
            # The coordinator's home counts and lists (follow-ups, quotes to
            # review): partial indexes hold only the few rows they read, so
            # the page does not filter every item of the organisation.
            models.Index(
                fields=["organisation", "created_at"],
                condition=~Q(follow_up="") & Q(follow_up_closed_at__isnull=True),
                name="feedback_open_follow_ups",
            ),
            models.Index(
                fields=["organisation", "-follow_up_closed_at"],
                condition=Q(follow_up_closed_at__isnull=False),
                name="feedback_closed_follow_ups",
            ),
            models.Index(
                fields=["organisation", "received_on", "created_at"],
                condition=Q(consent_to_quote=True, quote_status=""),
                name="feedback_quotes_to_review",
            ),
            models.Index(
                fields=["organisation", "-quote_reviewed_at"],
                condition=Q(quote_reviewed_at__isnull=False),
                name="feedback_quotes_reviewed",
            ),
        ]
        constraints = [
            # Words are published only with the person's agreement, and an
            # approval is of some words.
            models.CheckConstraint(
                condition=~Q(quote_status="approved")
                | (Q(consent_to_quote=True) & ~Q(approved_quote="")),
                name="feedback_approved_quote_has_consent_and_words",
            ),
            models.CheckConstraint(
                condition=Q(surgery__isnull=True) | Q(channel="surgery"),
                name="feedback_at_a_surgery_has_the_surgery_channel",
            ),
            models.CheckConstraint(
                condition=~Q(follow_up="") | Q(follow_up_closed_at__isnull=True),
                name="feedback_only_a_follow_up_can_be_closed",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["problem", "positive", "idea"]),
                name="feedback_kind_is_known",
            ),
            models.CheckConstraint(
                condition=Q(quote_status__in=["", "approved", "rejected"]),
                name="feedback_quote_status_is_known",
            ),
            models.CheckConstraint(
                condition=Q(follow_up__in=["", "signposted", "safeguarding"]),
                name="feedback_follow_up_is_known",
            ),
            # Where someone was signposted comes with a follow-up: signposted,
            # or a safeguarding concern where they were also pointed somewhere.
            models.CheckConstraint(
                condition=Q(signposted_to="", signposted_to_other="") | ~Q(follow_up=""),
                name="feedback_signposted_to_has_a_follow_up",
            ),
            models.CheckConstraint(
                condition=Q(
                    signposted_to__in=[
                        "",
                        "housing",
                        "money",
                        "health",
                        "drugs_alcohol",
                        "employment",
                        "practitioner",
                        "other",
                    ]
                ),
                name="feedback_signposted_to_is_known",
            ),
        ]

    # The rep who logged an item may correct it for this long afterwards.
    EDIT_WINDOW = dt.timedelta(hours=24)

    def __str__(self) -> str:
        return _("%(kind)s about %(theme)s") % {
            "kind": self.get_kind_display(),
            "theme": self.theme,
        }

    @property
    def editable_until(self) -> dt.datetime:
        return self.created_at + self.EDIT_WINDOW

    @property
    def signposted_to_label(self) -> str:
        """Where the person was signposted, in words ("" if not recorded)."""
        if self.signposted_to == self.SignpostedTo.OTHER and self.signposted_to_other:
            return self.signposted_to_other
        return self.get_signposted_to_display() if self.signposted_to else ""

    @property
    def follow_up_is_open(self) -> bool:
        return bool(self.follow_up) and self.follow_up_closed_at is None


class FeedbackSelection(OrganisationOwned):
    """An item a rep or coordinator has picked as evidence for a proposal.

    One row per person, council and item, kept on the server so the choice
    survives a lost connection or a change of phone. The proposals app reads
    it through ``surgeries.selectors.selected_feedback_for``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_selections"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="selections")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("feedback picked as evidence")
        verbose_name_plural = _("feedback picked as evidence")
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="feedback_selection_unique")
        ]
        indexes = [models.Index(fields=["user", "council"])]

    def __str__(self) -> str:
        return _("%(item)s picked by %(user)s") % {"item": self.item, "user": self.user}
