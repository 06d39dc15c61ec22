"""Money on pages: whole euro cents written as euro the way the page's language writes them."""

from __future__ import annotations

from django import template

from koers.web.i18n import active_language

register = template.Library()


def euro_text(cents: int | float, lang: str) -> str:
    amount = round(float(cents)) / 100
    text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    if lang == "nl":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return "€" + text


@register.filter
def euro(cents: int | float | None) -> str:
    """``1250`` → "€12,50" on a Dutch page, "€12.50" on an English one."""
    return euro_text(cents or 0, active_language())


@register.filter
def euro_amount(amount: int | float | None) -> str:
    """An amount in euro (not cents), written as :func:`euro` writes it."""
    return euro_text(round(float(amount or 0) * 100), active_language())
