"""The training catalogue in the database, enrolments, and the profile the rights rules read.

A :class:`Course` row mirrors :class:`koers.training.model.Course`; list fields are JSON
arrays. Courses of the SYNTHETIC demo catalogue have ``synthetic`` set and no owner.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from koers.rights.model import REGIONS as RIGHTS_REGIONS
from koers.rights.model import EducationLevel, Status
from koers.training.model import Level, Mode


class Course(models.Model):
    course_id = models.CharField(max_length=100, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    provider = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    skills = models.JSONField(default=list)
    level = models.CharField(max_length=16, choices=[(v.value, v.value) for v in Level])
    duration_hours = models.FloatField()
    cost_eur = models.FloatField()
    mode = models.CharField(max_length=16, choices=[(v.value, v.value) for v in Mode])
    region = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=8, default="nl")
    start_dates = models.JSONField(default=list)
    recognised_for = models.JSONField(default=list)
    synthetic = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("course_id",)

    def __str__(self) -> str:
        return f"{self.course_id} {self.title}"


class Enrolment(models.Model):
    class State(models.TextChoices):
        ENROLLED = "enrolled"
        COMPLETED = "completed"
        CANCELLED = "cancelled"

    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    state = models.CharField(max_length=16, choices=State.choices, default=State.ENROLLED)
    cost_cents = models.BigIntegerField(default=0)  # what the person pays after incentives
    reserved_cents = models.BigIntegerField(default=0)  # of it, held on the learning account
    reference = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.citizen_id} → {self.course_id} ({self.state})"


class RightsProfile(models.Model):
    """What the rights rules look at, as the person (or employer) filled it in."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rights_profile"
    )
    status = models.CharField(max_length=16, choices=[(v.value, v.value) for v in Status])
    region = models.CharField(max_length=16, choices=[(r, r) for r in RIGHTS_REGIONS])
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    education_level = models.CharField(
        max_length=8, blank=True, choices=[(v.value, v.value) for v in EducationLevel]
    )
    employer_size = models.PositiveIntegerField(null=True, blank=True)
    sector = models.CharField(max_length=10, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"rights profile of {self.owner_id}"
