"""Field types of JSON request bodies that take JSON's types at their word: a number is not
``true`` or ``"5"``, a flag is ``true`` or ``false`` (pydantic's lax mode would accept
both). ``74.0`` still counts as the whole number 74, as JSON Schema says."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict


def _json_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a JSON number is required")
    return value


SEARCHABLE = r"[0-9A-Za-z]"
"""A search text or name must hold a letter or digit (punctuation alone finds nothing)."""

Count = Annotated[int, BeforeValidator(_json_number)]
Number = Annotated[float, BeforeValidator(_json_number)]
Flag = Annotated[bool, Strict()]


class Out(BaseModel):
    """Base of response bodies. Read straight from the domain's dicts and objects: ninja's
    ``Schema`` wraps every nested object in a Django getter first, which cost career steps'
    answer (hundreds of nested skills) several milliseconds."""

    model_config = ConfigDict(from_attributes=True)
