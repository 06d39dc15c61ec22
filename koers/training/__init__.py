"""The training catalogue and recommender (opleidingsaanbod en opleidingsaanbevelingen).

:func:`get_demo_catalogue` and :func:`get_demo_index` build the SYNTHETIC demo catalogue and
its index once per process.
"""

from __future__ import annotations

from functools import cache

from koers.training.model import Catalogue
from koers.training.recommend import CatalogueIndex


@cache
def get_demo_catalogue() -> Catalogue:
    from koers.taxonomy import get_taxonomy
    from koers.training.synthetic import demo_catalogue

    return demo_catalogue(get_taxonomy())


@cache
def get_demo_index() -> CatalogueIndex:
    return CatalogueIndex(get_demo_catalogue())
