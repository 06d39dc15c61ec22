"""The active interface language as a two-letter code, for picking concept labels."""

from __future__ import annotations

from django.utils.translation import get_language


def active_language() -> str:
    return (get_language() or "nl")[:2]
