"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from koers.taxonomy import ESCO_ATTRIBUTION
from koers.web.access import can_import_market_data


def koers(request: HttpRequest) -> dict[str, object]:
    return {
        "esco_attribution": ESCO_ATTRIBUTION,
        "can_import_market_data": can_import_market_data(request.user),
    }
