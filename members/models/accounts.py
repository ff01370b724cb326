import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from councils.models import ChoiceLabels, new_short_id

from ..bands import AgeBand, Ethnicity, Gender


class User(AbstractUser):
    """Anyone who signs in. Reps often have no email address."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("name"), max_length=150, blank=True)

    class Meta:
        ordering = ["display_name", "username"]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class RepSetupCode(models.Model):
    """A one-time code a coordinator prints for a rep to choose a password.

    Only a hash of the code is stored. A code is valid for 7 days, works once,
    and stops working after a few wrong tries (so it cannot be guessed).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("councils.Organisation", on_delete=models.PROTECT)
    code_hash = models.CharField(max_length=128)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="setup_code_expires_after_it_is_made",
            ),
            # A code is either redeemed or replaced, never both.
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(revoked_at__isnull=True),
                name="setup_code_not_both_used_and_revoked",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Setup code for %(person)s") % {"person": self.user}


class RepProfile(ChoiceLabels, models.Model):
    """A council member. Sensitive decisions about a rep live elsewhere and
    are staff-only; never store offence details."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("Referred")
        ASSESSED = "assessed", _("Assessed")
        TRAINED = "trained", _("Trained")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        STEPPED_DOWN = "stepped_down", _("Stepped down")
        ALUMNI = "alumni", _("Alumni")
        MOVED_ON = "moved_on", _("Moved on to education or work")

    class AccessNeed(models.TextChoices):
        LARGE_PRINT = "large_print", _("Large print")
        EASY_READ = "easy_read", _("Easy Read")
        BSL = "bsl", _("British Sign Language interpreter")
        CHILDCARE = "childcare", _("Childcare")

    class ContactPreference(models.TextChoices):
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("Email")
        POST = "post", _("Post")

    public_id = models.CharField(max_length=16, unique=True, default=new_short_id, editable=False)
    organisation = models.ForeignKey("councils.Organisation", on_delete=models.PROTECT)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rep_profile"
    )
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="reps")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.TEXT
    )
    phone = models.CharField(max_length=30, blank=True)
    accessibility_needs = models.TextField(blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    joined_on = models.DateField(null=True, blank=True)
    trained_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    # The reps' journey (members.models.reps): the order or licence's end date
    # (never the offence), a postal address for reps who prefer post, the
    # support they need, and when their personal data was deleted.
    order_ends_on = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    access_needs = models.JSONField(default=list, blank=True)
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__display_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="rep_leaves_on_or_after_joining",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)
