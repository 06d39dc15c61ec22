"""Imported labour-market data sets: validated rows kept whole, with their provenance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MarketDataset(models.Model):
    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    file_name = models.CharField(_("file"), max_length=255)
    source = models.CharField(_("source"), max_length=500)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    row_count = models.PositiveIntegerField(_("rows"))
    rows = models.JSONField(_("rows"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ("imported_at", "id")
        verbose_name = _("market data set")
        verbose_name_plural = _("market data sets")

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name} ({self.row_count} rows)"


class DatasetEvent(models.Model):
    """What happened to an import and who did it: imported, withdrawn, restored."""

    dataset = models.ForeignKey(MarketDataset, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.action} {self.dataset_id} at {self.at:%Y-%m-%d %H:%M}"
