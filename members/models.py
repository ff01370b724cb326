import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from councils.models import new_short_id

from .bands import AgeBand, Ethnicity, Gender


class User(AbstractUser):
    """Anyone who signs in. Reps often have no email address."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField("name", max_length=150, blank=True)

    class Meta:
        ordering = ["display_name", "username"]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class RepSetupCode(models.Model):
    """A one-time code a coordinator prints for a rep to choose a password.

    Only a hash of the code is stored. A code is valid for 14 days and works once.
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

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Setup code for {self.user}"


class RepProfile(models.Model):
    """A council member. Sensitive decisions about a rep live elsewhere and
    are staff-only; never store offence details."""

    class Status(models.TextChoices):
        REFERRED = "referred", "Referred"
        ASSESSED = "assessed", "Assessed"
        TRAINED = "trained", "Trained"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        STEPPED_DOWN = "stepped_down", "Stepped down"
        ALUMNI = "alumni", "Alumni"
        MOVED_ON = "moved_on", "Moved on to education or work"

    class ContactPreference(models.TextChoices):
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"
        EMAIL = "email", "Email"
        POST = "post", "Post"

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

    class Meta:
        ordering = ["user__display_name"]

    def __str__(self) -> str:
        return str(self.user)
