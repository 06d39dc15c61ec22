"""Vacancy matching: the pruned sparse top-K equals brute force over every pair."""

from __future__ import annotations

import numpy as np
import pytest

from koers.batch import vacancies as matching
from koers.batch.vacancies import (
    VacancyIndex,
    brute_force_scores,
    match_block,
    seeker_pairs,
    seeker_strengths,
)
from koers.population import generate_citizens, generate_vacancies
from tests.batch.conftest import TODAY

TOP = 7


@pytest.fixture(scope="module")
def setting(engine, model):
    seekers = generate_citizens(model, count=900, seed=2, today=TODAY)
    offers = generate_vacancies(model, count=600, seed=2, today=TODAY)
    identity = np.arange(len(model.skill_uris), dtype=np.int32)
    index = VacancyIndex.build(
        offers, skill_map=identity, specificity=engine.specificity, skill_uris=model.skill_uris
    )
    held = seeker_strengths(
        seekers, skill_map=identity, n_skills=len(model.skill_uris), today=TODAY
    )
    return seekers, index, held


def _expected(scores: np.ndarray, top: int) -> list[list[int]]:
    """Per row: the ``top`` best columns with a positive score, ties to the lower column."""
    result = []
    for row in scores:
        order = np.lexsort((np.arange(len(row)), -row))
        result.append([int(j) for j in order[:top] if row[j] > 0])
    return result


def test_top_k_both_ways_equals_brute_force(setting, monkeypatch):
    seekers, index, held = setting
    monkeypatch.setattr(matching, "BLOCK", 128)  # several blocks: the vacancies' bar rises
    ids = seekers.column("citizen_id").to_numpy()
    found = match_block(held, index, top=TOP, row_ids=ids)
    scores = brute_force_scores(held, index)
    per_seeker = _expected(scores, TOP)
    for row in range(held.shape[0]):
        assert list(found.seeker_vacancies[found.seeker_rows == row]) == per_seeker[row]
    per_vacancy = _expected(scores.T, TOP)
    for column in range(scores.shape[1]):
        assert list(found.vacancy_rows[found.vacancy_columns == column]) == per_vacancy[column]
    assert np.allclose(found.seeker_scores, scores[found.seeker_rows, found.seeker_vacancies])


def test_scores_are_weighted_shares_of_the_requirements(setting, engine):
    _, index, held = setting
    scores = brute_force_scores(held, index)
    assert scores.max() <= 1.0 + 1e-6 and scores.min() >= 0.0
    row, column = np.unravel_index(np.argmax(scores), scores.shape)
    required = index.required[column].indices
    weights = engine.specificity[required]
    expected = (weights * held[row].toarray().ravel()[required]).sum() / weights.sum()
    assert scores[row, column] == pytest.approx(expected, rel=1e-5)


def test_pairs_name_matched_and_missing_skills(setting):
    seekers, index, held = setting
    found = match_block(held, index, top=3, row_ids=seekers.column("citizen_id").to_numpy())
    pairs = seeker_pairs(seekers, held, index, found).to_pylist()
    assert {p["rank"] for p in pairs} == {1, 2, 3}
    for pair, row, column in list(
        zip(pairs, found.seeker_rows, found.seeker_vacancies, strict=True)
    )[:200]:
        mine = {index.skill_uris[s] for s in held[row].indices}
        asked = {index.skill_uris[s] for s in index.required[column].indices}
        assert set(pair["matched_skills"]) == mine & asked
        assert set(pair["missing_skills"]) == asked - mine
        assert pair["cross_region"] == (pair["vacancy_region"] != pair["citizen_region"])


def test_seekers_without_matches_anywhere_in_a_block(setting, monkeypatch):
    import scipy.sparse as sp

    _, index, held = setting
    monkeypatch.setattr(matching, "BLOCK", 20)
    empty = sp.csr_matrix((3, held.shape[1]), dtype=np.float32)
    mixed = sp.vstack([empty, held[:37], empty, held[37:57], empty]).tocsr()
    found = match_block(mixed, index, top=TOP, row_ids=np.arange(mixed.shape[0]))
    scores = brute_force_scores(mixed, index)
    per_seeker = _expected(scores, TOP)
    for row in range(mixed.shape[0]):
        assert list(found.seeker_vacancies[found.seeker_rows == row]) == per_seeker[row]
    per_vacancy = _expected(scores.T, TOP)
    for column in range(scores.shape[1]):
        assert list(found.vacancy_rows[found.vacancy_columns == column]) == per_vacancy[column]
