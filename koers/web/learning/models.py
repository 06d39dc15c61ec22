"""The learning-and-career account in the database: one row per account, an append-only ledger.

The account row keeps the running balance so that a write can lock it (``SELECT … FOR
UPDATE``) and check it in the same transaction; every entry records the balance after it, so
the ledger can be audited against the row at any time. Entries are never changed or deleted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from koers.ledger.model import EntryKind, Funder


class AppendOnlyError(Exception):
    """Raised on an attempt to change or delete a ledger entry."""


class Account(models.Model):
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_accounts",
    )
    name = models.CharField(max_length=200, blank=True)
    available_cents = models.BigIntegerField(default=0)
    reserved_cents = models.BigIntegerField(default=0)
    entry_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.CheckConstraint(
                condition=Q(available_cents__gte=0), name="learning_account_available_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(reserved_cents__gte=0), name="learning_account_reserved_not_negative"
            ),
        )

    def __str__(self) -> str:
        return self.name or f"account {self.pk}"


class Entry(models.Model):
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in EntryKind])
    amount_cents = models.BigIntegerField()
    funder = models.CharField(
        max_length=16, blank=True, choices=[(f.value, f.value) for f in Funder]
    )
    reference = models.CharField(max_length=200, blank=True)
    reservation = models.CharField(max_length=200, blank=True)
    demand_driven = models.BooleanField(default=False)
    expires_on = models.DateField(null=True, blank=True)
    available_after_cents = models.BigIntegerField()
    reserved_after_cents = models.BigIntegerField()
    actor = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("account", "sequence")
        constraints = (
            models.UniqueConstraint(
                fields=("account", "sequence"), name="learning_entry_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="learning_entry_amount_positive"
            ),
        )

    def __str__(self) -> str:
        return f"{self.account_id}#{self.sequence} {self.kind} {self.amount_cents}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("ledger entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("ledger entries are append-only")
