"""Quality of search and extraction on the hand-labelled sets in tests/data (see its README).

The floors sit a little under the figures measured when the sets were made, so a real
regression fails while noise from a rebuilt index does not.
"""

from __future__ import annotations

from koers.taxonomy.evaluation import extraction_score, precision_at, read_queries, read_texts
from tests.conftest import DATA


def _ranked(queries, rank):
    """Each query's ranking, computed once and looked up by every metric."""
    rankings = {q: rank(q) for q in queries}
    return rankings.__getitem__


def test_search_beats_linear_scan_and_meets_floor(searcher):
    queries = read_queries(DATA / "search_queries.csv")
    assert len(queries) >= 200
    assert sum("typo" in q.note for q in queries) >= 10
    assert {q.lang for q in queries} == {"nl", "en"}
    ours = _ranked(
        queries, lambda q: [h.uri for h in searcher.index(q.kind).search(q.query, lang=q.lang)]
    )
    linear = _ranked(
        queries, lambda q: [uri for uri, _ in searcher.index(q.kind).linear_scan(q.query)]
    )
    assert precision_at(queries, ours, 1) >= 0.70
    assert precision_at(queries, ours, 3) >= 0.86
    assert precision_at(queries, ours, 1) > precision_at(queries, linear, 1)
    assert precision_at(queries, ours, 3) > precision_at(queries, linear, 3)


def test_everyday_dutch_skill_words_find_their_skill(searcher):
    everyday = [q for q in read_queries(DATA / "search_queries.csv") if "everyday" in q.note]
    assert len(everyday) >= 60
    assert {(q.lang, q.kind) for q in everyday} == {("nl", "skill")}
    ours = _ranked(everyday, lambda q: [h.uri for h in searcher.skills.search(q.query)])
    assert precision_at(everyday, ours, 1) >= 0.60
    assert precision_at(everyday, ours, 3) >= 0.82


def test_typos_and_flemish_terms_are_found(searcher):
    queries = read_queries(DATA / "search_queries.csv")
    for tag in ("typo", "flemish"):
        tagged = [q for q in queries if tag in q.note]
        assert len(tagged) >= 10, tag
        found = precision_at(
            tagged, lambda q: [h.uri for h in searcher.index(q.kind).search(q.query)], 3
        )
        assert found >= 0.75, tag


def test_extraction_precision_and_recall(extractor):
    texts = read_texts(DATA / "extraction_texts.jsonl")
    assert len(texts) >= 16
    score = extraction_score(
        texts, lambda t: [s.skill_uri for s in extractor.extract(t.text, lang=t.lang)]
    )
    assert score.precision >= 0.3
    assert score.recall >= 0.38
    assert score.predicted <= 11 * len(texts)  # no flood of weak matches


def test_dutch_extraction_recall(extractor):
    texts = [t for t in read_texts(DATA / "extraction_texts.jsonl") if t.lang == "nl"]
    score = extraction_score(
        texts, lambda t: [s.skill_uri for s in extractor.extract(t.text, lang="nl")]
    )
    assert score.recall >= 0.42
    assert score.precision >= 0.3


def test_dutch_text_finds_skills_named_by_koers_translation(extractor, taxonomy):
    texts = [t for t in read_texts(DATA / "extraction_texts.jsonl") if t.lang == "nl"]
    found = set()
    for text in texts:
        acceptable = set().union(*text.gold)
        for skill in extractor.extract(text.text, lang="nl"):
            if skill.skill_uri in acceptable and "nl" in taxonomy.skill(skill.skill_uri).own_labels:
                found.add(skill.skill_uri)
                assert skill.label == taxonomy.skill(skill.skill_uri).label("nl")
    assert len(found) >= 5


def test_a_dutch_label_counts_inflected_and_in_another_order(extractor, taxonomy):
    """ "afval sorteren" is in "Ik sorteer het afval" once the words are stemmed; one shared
    word is not enough."""
    sort_waste = next(s.uri for s in taxonomy.skills if s.label("en") == "sort waste")
    assert taxonomy.skill(sort_waste).label("nl") == "afval sorteren"

    def found(text: str, lang: str = "nl") -> dict[str, str]:
        return {s.skill_uri: s.method for s in extractor.extract(text, lang=lang, limit=30)}

    assert found("Ik sorteer het afval zorgvuldig.").get(sort_waste) == "label"
    assert found("Ik sorteer de post.").get(sort_waste) != "label"
    assert found("Het afval gaat naar het containerpark.").get(sort_waste) != "label"
