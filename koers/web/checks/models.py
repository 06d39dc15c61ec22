"""Organisation checks kept for outreach: the vulnerability score and its parts only."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrganisationCheck(models.Model):
    employer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    organisation = models.CharField(max_length=200)
    employees = models.PositiveIntegerField()
    score = models.FloatField()
    flagged = models.BooleanField()
    parts = models.JSONField()
    explanation = models.CharField(max_length=1000)
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-checked_at",)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.score:.2f}"
