"""Template helpers: labels in the active language and links to ESCO concepts."""

from __future__ import annotations

from django import template
from django.urls import reverse

from koers.errors import KoersError
from koers.taxonomy.model import Labelled
from koers.taxonomy.model import concept_id as uri_concept_id
from koers.web.errors import page_message
from koers.web.i18n import active_language

register = template.Library()


@register.filter
def label(concept: Labelled) -> str:
    """The concept's label in the active language (English when no Dutch label exists)."""
    return concept.label(active_language())


@register.filter
def is_fallback(concept: Labelled) -> bool:
    """True when the concept has no label in the active language and shows the English one."""
    return not concept.has_label(active_language())


@register.filter
def concept_url(concept: Labelled | str) -> str:
    uri = concept if isinstance(concept, str) else concept.uri
    kind = uri.rstrip("/").split("/")[-2]
    if kind in ("occupation", "skill"):
        return reverse(kind, args=[concept_id(uri)])
    return ""


@register.simple_tag(takes_context=True)
def query(context: dict[str, object], **changes: object) -> str:
    """The current query string with changes: ``add_skill=id``, ``drop_skill=id``, or
    ``name=value`` (an empty value removes the parameter)."""
    request = context["request"]
    params = request.GET.copy()  # type: ignore[attr-defined]
    for key, value in changes.items():
        if key == "add_skill":
            skills = params.getlist("skill")
            if value not in skills:
                params.setlist("skill", [*skills, str(value)])
        elif key == "drop_skill":
            params.setlist("skill", [s for s in params.getlist("skill") if s != value])
        elif value in ("", None):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + params.urlencode()


@register.filter
def concept_id(concept: Labelled | str) -> str:
    return uri_concept_id(concept if isinstance(concept, str) else concept.uri)


@register.filter
def error_text(error: KoersError) -> str:
    """An error's message in the active language."""
    return page_message(error)
