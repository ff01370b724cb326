"""Training: courses, sessions, who attended (their certificate), and a rep's
own words for their involvement record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import OrganisationOwned


class Course(OrganisationOwned):
    class Kind(models.TextChoices):
        INDUCTION = "induction", _("Induction")
        SAFEGUARDING = "safeguarding", _("Safeguarding")
        CHAIRING = "chairing", _("Chairing meetings")
        DATA_PROTECTION = "data_protection", _("Data protection")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(max_length=1000, blank=True)
    hours = models.DecimalField(max_digits=4, decimal_places=1)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="course_name_unique"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="course_hours_more_than_none"),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingSession(OrganisationOwned):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    place = models.CharField(max_length=200)
    trainer = models.CharField(max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.course} ({self.date.isoformat()})"


class TrainingAttendance(OrganisationOwned):
    """A rep who came to a session. Its public id is the certificate number."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_attendance"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-session__date"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="training_attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.session}"


class InvolvementStatement(OrganisationOwned):
    """A rep's own short words about their involvement, for their record."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="involvement_statements"
    )
    text = models.TextField(max_length=800)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"], name="involvement_statement_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)
