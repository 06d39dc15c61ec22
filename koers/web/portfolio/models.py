"""The portfolio a citizen owns, who may read it, who did, and the coaching around it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.portfolio.model import ClaimSource, ValidationLevel, Visibility

USER = settings.AUTH_USER_MODEL


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]  # type: ignore[attr-defined]


class Profile(models.Model):
    """What the citizen does now and where they want to go."""

    owner = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="portfolio_profile")
    occupation_uri = models.CharField(_("current occupation"), max_length=200, blank=True)
    aspirations = models.JSONField(_("aspirations"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.owner}: {self.occupation_uri}"


class Claim(models.Model):
    """One competence; removing it only marks it removed (the history keeps every version)."""

    owner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="claims")
    skill_uri = models.CharField(max_length=200)
    validation = models.CharField(
        max_length=24, choices=_choices(ValidationLevel), default="self_declared"
    )
    source = models.CharField(max_length=24, choices=_choices(ClaimSource), default="self")
    issuer = models.CharField(max_length=500, blank=True)
    identified_on = models.DateField(null=True, blank=True)
    last_used = models.DateField(null=True, blank=True)
    evidence = models.CharField(max_length=2000, blank=True)
    visibility = models.CharField(max_length=12, choices=_choices(Visibility), default="shared")
    to_confirm = models.BooleanField(
        default=False, help_text=_("Added from an occupation profile.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.owner}: {self.skill_uri}"


class ClaimEvent(models.Model):
    """A version of a claim: who added, changed or removed it, when, and what it then held."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12)  # added, changed, removed, imported
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.action} {self.claim_id} at {self.at:%Y-%m-%d}"


class Consent(models.Model):
    """The citizen lets a coach or employer read their portfolio, until revoked."""

    citizen = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="consents_given")
    grantee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="consents_received")
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-granted_at",)

    def __str__(self) -> str:
        return f"{self.citizen} → {self.grantee}"


class AccessLog(models.Model):
    """Every read of a citizen's personal data by someone else; the citizen sees it."""

    citizen = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reads_of_my_data")
    viewer = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    what = models.CharField(max_length=80)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.viewer} read {self.what} of {self.citizen}"


class ActionItem(models.Model):
    """One step of a citizen's action plan, from the competence check or added by a coach."""

    citizen = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="action_items")
    action = models.CharField(max_length=40)
    text = models.CharField(max_length=500)
    signal = models.CharField(max_length=40, blank=True)
    skill_uri = models.CharField(max_length=200, blank=True)
    occupation_uri = models.CharField(max_length=200, blank=True)
    done = models.BooleanField(default=False)
    shared = models.BooleanField(default=False, help_text=_("Visible to coaches with consent."))
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("done", "id")

    def __str__(self) -> str:
        return self.text


class CoachNote(models.Model):
    citizen = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="coach_notes")
    coach = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.text[:60]


class FollowUp(models.Model):
    """Aftercare: a task a coach sets for after a training, with a due date."""

    citizen = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="follow_ups")
    coach = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(max_length=500)
    due_on = models.DateField()
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ("done", "due_on")

    def __str__(self) -> str:
        return self.text
