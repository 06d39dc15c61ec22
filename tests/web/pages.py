"""What page tests check alike."""

from __future__ import annotations

import re

CDN = re.compile(r"https?://[^\"'\s]*(cdn|unpkg|jsdelivr)", re.IGNORECASE)
"""A script or style from a content delivery network (a random token may contain "cdn")."""
