"""The curated VDAB → ESCO mapping covers the real VDAB names and points at real occupations."""

from __future__ import annotations

import csv

from koers.market.bundled import FLANDERS, bottleneck_list_2026, real_tension_datasets
from koers.market.mapping import MAPPING_FILE, MATCH_KINDS, curated_mapping, esco_uri_for, suggest


def test_every_mapped_uri_is_an_esco_occupation(taxonomy):
    with MAPPING_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(curated_mapping())
    for row in rows:
        assert row["match"] in MATCH_KINDS
        if row["esco_uri"]:
            assert taxonomy.occupation(row["esco_uri"]).isco_code == row["isco_code"]
        if row["match"] != "exact":
            assert row["note"], row["vdab_name"]


def test_real_vdab_names_are_all_mapped():
    assert len(bottleneck_list_2026()) == 227
    assert all(item.esco_uri for item in bottleneck_list_2026())
    assert len(real_tension_datasets()) == 4
    for dataset in real_tension_datasets():
        assert len(dataset.rows) == 20
        assert all(row["esco_uri"] for row in dataset.rows)
    with (FLANDERS / "tension_ratio_2021_04.csv").open(encoding="utf-8") as handle:
        names = [r["occupation_nl"] for r in csv.DictReader(handle)]
    assert esco_uri_for(names[1].upper()) == esco_uri_for(names[1])  # case and spacing ignored


def test_suggest_uses_the_search_it_is_given(searcher):
    def search(text):
        return [(h.uri, h.label, h.score) for h in searcher.occupations.search(text, limit=10)]

    found = suggest("Verpleegkundige", search, limit=3)
    assert len(found) == 3
    assert "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50" in [
        u for u, _, _ in found
    ]
    assert (
        esco_uri_for("Verpleegkundige")
        == "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    )
