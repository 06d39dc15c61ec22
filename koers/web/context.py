"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from koers.taxonomy import ESCO_ATTRIBUTION


def koers(request: HttpRequest) -> dict[str, object]:
    return {"esco_attribution": ESCO_ATTRIBUTION}
