"""Template helpers: labels in the active language and links to ESCO concepts."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from koers.taxonomy.model import Labelled

register = template.Library()


@register.filter
def label(concept: Labelled) -> str:
    """The concept's label in the active language (English when no Dutch label exists)."""
    return concept.label((get_language() or "nl")[:2])


@register.filter
def is_fallback(concept: Labelled) -> bool:
    """True when the concept has no label in the active language and shows the English one."""
    return not concept.has_label((get_language() or "nl")[:2])


@register.filter
def concept_url(concept: Labelled | str) -> str:
    uri = concept if isinstance(concept, str) else concept.uri
    kind = uri.rstrip("/").split("/")[-2]
    concept_id = uri.rstrip("/").split("/")[-1]
    if kind == "occupation":
        return reverse("occupation", args=[concept_id])
    if kind == "skill":
        return reverse("skill", args=[concept_id])
    return ""
