"""People who use Koers, each with one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    COACH = "coach", _("Career coach")
    EMPLOYER = "employer", _("Employer")
    PROVIDER = "provider", _("Training provider")
    ANALYST = "analyst", _("Policy analyst")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CITIZEN)
    is_synthetic = models.BooleanField(
        _("synthetic demo account"),
        default=False,
        help_text=_("Generated demo data, not a real person."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("nl", "Nederlands"), ("en", "English")],
        default="nl",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
