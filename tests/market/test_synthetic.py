"""The synthetic set: seeded, labelled, and in exactly the documented formats."""

from __future__ import annotations

from koers.market import synthetic
from koers.market.formats import FORMATS, validate_rows


def occupations(taxonomy):
    return [(o.uri, o.label("nl"), o.isco_code) for o in taxonomy.occupations]


def test_same_seed_same_data(taxonomy):
    a = synthetic.generate(occupations=occupations(taxonomy), seed=5)
    b = synthetic.generate(occupations=occupations(taxonomy), seed=5)
    c = synthetic.generate(occupations=occupations(taxonomy), seed=6)
    assert [d.rows for d in a] == [d.rows for d in b]
    assert [d.rows for d in a] != [d.rows for d in c]


def test_every_kind_validates_and_is_labelled_synthetic(taxonomy):
    datasets = synthetic.generate(occupations=occupations(taxonomy))
    assert {d.kind for d in datasets} == set(FORMATS)
    for dataset in datasets:
        assert dataset.synthetic and "synthetic" in dataset.provenance
        validate_rows(FORMATS[dataset.kind], dataset.rows, file=dataset.kind)


def test_flanders_like_magnitudes(taxonomy):
    datasets = {d.kind: d for d in synthetic.generate(occupations=occupations(taxonomy))}
    latest = max(r["year"] for r in datasets["employment"].rows)
    total = sum(r["employed"] for r in datasets["employment"].rows if r["year"] == latest)
    assert 2_500_000 < total < 3_500_000
