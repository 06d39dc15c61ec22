"""Template helpers: labels in the active language and links to ESCO concepts."""

from __future__ import annotations

import json
import re
from datetime import date

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from koers.errors import KoersError
from koers.market.bundled import BOTTLENECK_SOURCE, CONSTRUCTION_SOURCE, STATBEL_SOURCE
from koers.market.dataset import SYNTHETIC_LABEL
from koers.market.synthetic import SOURCE as SYNTHETIC_SOURCE
from koers.taxonomy.model import Labelled
from koers.taxonomy.model import concept_id as uri_concept_id
from koers.web.charts import PLOTLY_JS
from koers.web.errors import page_message
from koers.web.i18n import active_language

register = template.Library()


@register.filter
def label(concept: Labelled) -> str:
    """The concept's label in the active language (English when no Dutch label exists)."""
    return concept.label(active_language())


@register.filter
def label_html(concept: Labelled) -> SafeString:
    """The label in the active language, marked ``lang="en"`` when it is the English
    fallback (so a screen reader reads it as English)."""
    lang = active_language()
    if lang != "en" and not concept.has_label(lang):
        return format_html('<span lang="en">{}</span>', concept.label(lang))
    return format_html("{}", concept.label(lang))


@register.filter
def hit_label_html(hit: object) -> SafeString:
    """A search hit's label, marked ``lang="en"`` when it is the English fallback."""
    from koers.taxonomy import get_taxonomy

    uri = str(getattr(hit, "uri", ""))
    taxonomy = get_taxonomy()
    concept = taxonomy.find_skill(uri) or taxonomy.find_occupation(uri)
    if concept is None:
        return format_html("{}", getattr(hit, "label", ""))
    return label_html(concept)


FLAG_NAMES = {
    "green": _("green"),
    "digital": _("digital"),
    "transversal": _("transversal"),
    "essential": _("essential"),
    "optional": _("optional"),
    "language": _("language skill"),
}


@register.filter
def flag_name(flag: str) -> str:
    """A collection flag or relation (green, digital, essential, ...) in the active language."""
    return str(FLAG_NAMES.get(str(flag), flag))


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


@register.simple_tag
def plotly_js() -> str:
    """The URL of the vendored plotly.js (hashed and compressed after ``collectstatic``)."""
    return static(PLOTLY_JS)


SOURCE_FRAGMENTS = (
    (BOTTLENECK_SOURCE, _("VDAB, Knelpuntberoepen 2026 (published 1 February 2026)")),
    (
        CONSTRUCTION_SOURCE,
        _("VDAB Arvastat, construction-sector vacancies (NACE F), as published by Embuild"),
    ),
    (STATBEL_SOURCE, _("Statbel, self-employed entrepreneurs by region and NACE section")),
    (SYNTHETIC_LABEL, _("synthetic demo data (generated, not real figures)")),
    (SYNTHETIC_SOURCE, _("Koers synthetic demo set")),
    (
        "in the advice of the labour-market experts",
        _("in the advice of the labour-market experts"),
    ),
    (
        "the 20 tightest occupations with at least 50 vacancies",
        _("the 20 tightest occupations with at least 50 vacancies"),
    ),
    ("(seed ", _("(seed ")),
    ("table ", _("table ")),
)
"""The English wording of Koers' own source lines, with its translation."""


@register.filter
def source_text(source: str) -> str:
    """A data source line in the active language (a source imported by a person keeps the
    wording it was given)."""
    text = str(source)
    for english, translated in SOURCE_FRAGMENTS:
        text = text.replace(english, str(translated))
    return text


@register.filter
def swagger_settings(settings_json: str) -> SafeString:
    """django-ninja's Swagger UI settings without deep links: a deep link puts a link inside
    each operation's toggle button (a nested interactive element for screen readers)."""
    settings = json.loads(settings_json)
    settings["deepLinking"] = False
    return SafeString(json.dumps(settings).replace("<", "\\u003c"))


@register.filter
def period_name(period: str) -> str:
    """A period "YYYY-MM" as month and year in the active language ("april 2021")."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(period))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return str(period)
    return date_format(date(int(match.group(1)), int(match.group(2)), 1), "F Y")
