"""The active interface language as a two-letter code, for picking concept labels."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import get_language

Language = Literal["nl", "en"]
"""The languages of labels and texts in the API."""


def active_language() -> str:
    return (get_language() or "nl")[:2]
