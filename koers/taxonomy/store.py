"""Read and write the vendored, compact ESCO files in ``koers/taxonomy/data/``.

Entities are stored as compact JSON rows (gzip), the occupation-skill links and the search index
as numpy arrays, the label embeddings and the Dutch word vectors as int8. Everything loads in
well under a second and is built once per process (see :func:`load_taxonomy`).
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from koers.taxonomy.model import IscoGroup, Occupation, Relation, Skill, SkillGroup, SkillType
from koers.taxonomy.taxonomy import Taxonomy

DATA_DIR = Path(__file__).parent / "data" / "esco-1.2.0"
TAXONOMY_FILE = "taxonomy.json.gz"
LINKS_FILE = "links.npz"
SEARCH_INDEX_FILE = "search_index.npz"
LABEL_VECTORS_FILE = "label_vectors.npz"
DUTCH_WORDS_FILE = "dutch_words.npz"
FORMAT_VERSION = 2

_FLAGS = ("transversal", "digital", "green", "language")


def _occupation_row(o: Occupation) -> list[Any]:
    return [
        o.uri,
        o.labels,
        {k: list(v) for k, v in o.alt_labels.items()},
        o.isco_code,
        o.descriptions,
    ]


def _skill_row(s: Skill) -> list[Any]:
    flags = sum(1 << i for i, name in enumerate(_FLAGS) if getattr(s, name))
    return [
        s.uri,
        s.labels,
        {k: list(v) for k, v in s.alt_labels.items()},
        s.skill_type.value,
        s.reuse_level,
        flags,
        s.description_en,
        s.alt_label_text_en,
        list(s.own_labels),
    ]


def write_taxonomy(taxonomy: Taxonomy, target: Path) -> None:
    document = {
        "format": FORMAT_VERSION,
        "attribution": taxonomy.attribution,
        "occupations": [_occupation_row(o) for o in taxonomy.occupations],
        "skills": [_skill_row(s) for s in taxonomy.skills],
        "groups": [[g.uri, g.labels, g.code] for g in taxonomy.groups],
        "isco": [[g.code, g.label_en] for g in taxonomy.isco_by_code.values()],
        "skill_relations": [
            [taxonomy.skill_index[a], taxonomy.skill_index[b], r is Relation.ESSENTIAL]
            for a, b, r in taxonomy.skill_relations
            if a in taxonomy.skill_index and b in taxonomy.skill_index
        ],
        "broader": [list(pair) for pair in taxonomy.broader],
    }
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0 keeps the file byte-identical between builds of the same source.
    with (
        (target / TAXONOMY_FILE).open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as handle,
    ):
        handle.write(payload)
    np.savez_compressed(
        target / LINKS_FILE,
        occupation=taxonomy.link_occupation,
        skill=taxonomy.link_skill,
        essential=taxonomy.link_essential,
    )


def read_taxonomy(source: Path = DATA_DIR) -> Taxonomy:
    """Load the vendored taxonomy from ``source``."""
    with gzip.open(source / TAXONOMY_FILE, "rb") as handle:
        document = json.loads(handle.read())
    if document.get("format") != FORMAT_VERSION:
        raise ValueError(f"Unsupported taxonomy format in {source}: rebuild it")
    occupations = [
        Occupation(
            uri=uri,
            labels=labels,
            alt_labels={k: tuple(v) for k, v in alts.items()},
            isco_code=isco,
            descriptions=descriptions,
        )
        for uri, labels, alts, isco, descriptions in document["occupations"]
    ]
    skills = [
        Skill(
            uri=uri,
            labels=labels,
            alt_labels={k: tuple(v) for k, v in alts.items()},
            skill_type=SkillType(skill_type),
            reuse_level=reuse,
            transversal=bool(flags & 1),
            digital=bool(flags & 2),
            green=bool(flags & 4),
            language=bool(flags & 8),
            description_en=description,
            alt_label_text_en=alt_text,
            own_labels=tuple(own),
        )
        for uri, labels, alts, skill_type, reuse, flags, description, alt_text, own in document[
            "skills"
        ]
    ]
    with np.load(source / LINKS_FILE) as links:
        link_arrays = (links["occupation"], links["skill"], links["essential"])
    uris = [s.uri for s in skills]
    return Taxonomy(
        occupations=occupations,
        skills=skills,
        groups=[
            SkillGroup(uri=u, labels=labels, code=code) for u, labels, code in document["groups"]
        ],
        isco_groups=[IscoGroup(code=code, label_en=label) for code, label in document["isco"]],
        link_arrays=link_arrays,
        skill_relations=[
            (uris[a], uris[b], Relation.ESSENTIAL if essential else Relation.OPTIONAL)
            for a, b, essential in document["skill_relations"]
        ],
        broader=[(child, parent) for child, parent in document["broader"]],
        attribution=document["attribution"],
    )


def write_arrays(target: Path, name: str, arrays: dict[str, npt.NDArray[Any]]) -> None:
    np.savez_compressed(target / name, **arrays)  # type: ignore[arg-type]


def read_arrays(source: Path, name: str) -> dict[str, npt.NDArray[Any]]:
    with np.load(source / name, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def write_search_index(arrays: dict[str, npt.NDArray[Any]], target: Path) -> None:
    write_arrays(target, SEARCH_INDEX_FILE, arrays)


def _int8(arrays: dict[str, npt.NDArray[Any]], names: set[str]) -> dict[str, npt.NDArray[Any]]:
    """The arrays, those in ``names`` as int8 with one scale per row: a quarter of float32's
    size (cosines change by well under 0.01)."""
    stored: dict[str, npt.NDArray[Any]] = {}
    for name, array in arrays.items():
        if name in names:
            vectors = np.asarray(array, dtype=np.float32)
            scale = np.maximum(np.abs(vectors).max(axis=1), 1e-9) / 127
            stored[f"{name}_int8"] = np.round(vectors / scale[:, np.newaxis]).astype(np.int8)
            stored[f"{name}_scale"] = scale.astype(np.float32)
        else:
            stored[name] = array
    return stored


def write_label_vectors(arrays: dict[str, npt.NDArray[Any]], target: Path) -> None:
    """Write label embeddings (arrays named ``*vectors``) as int8, other arrays as they are."""
    names = {name for name in arrays if name.endswith("vectors")}
    write_arrays(target, LABEL_VECTORS_FILE, _int8(arrays, names))


def read_label_vectors(source: Path = DATA_DIR) -> dict[str, npt.NDArray[Any]]:
    """The label embeddings as unit-length float32 arrays, with the other arrays."""
    arrays = read_arrays(source, LABEL_VECTORS_FILE)
    for name in [n.removesuffix("_int8") for n in arrays if n.endswith("_int8")]:
        vectors = arrays.pop(f"{name}_int8").astype(np.float32)
        vectors *= arrays.pop(f"{name}_scale")[:, np.newaxis]
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        arrays[name] = vectors
    return arrays


def write_dutch_words(arrays: dict[str, npt.NDArray[Any]], target: Path) -> None:
    """Write the Dutch word model (:mod:`koers.taxonomy.dutch_words`), its vectors as int8."""
    write_arrays(target, DUTCH_WORDS_FILE, _int8(arrays, {"word_vectors"}))


def read_dutch_words(source: Path = DATA_DIR) -> dict[str, npt.NDArray[Any]]:
    """The Dutch word model's arrays as written, its vectors still int8
    (``word_vectors_int8`` and ``word_vectors_scale``)."""
    return read_arrays(source, DUTCH_WORDS_FILE)


@cache
def load_taxonomy() -> Taxonomy:
    """Return the vendored ESCO taxonomy, loaded once per process."""
    return read_taxonomy(DATA_DIR)
