"""Match vacancies and job seekers both ways on competences, across the three regions.

The score of a job seeker for a vacancy is the share of the vacancy's required skills the
seeker holds, each skill weighted by its specificity (:func:`koers.matching.weights.specificity`)
and each held skill by its strength (validation weight × recency): a number in [0, 1]. ESCO
URIs are language-neutral, so a Walloon seeker meets a Flemish vacancy on the same skills.

Candidates come from a sparse product, seekers × skills (CSR, in blocks) times skills ×
vacancies, so only pairs sharing a skill are ever scored. The top K per row (per seeker) and
per column (per vacancy) are chosen exactly without sorting everything: scores are binned
into ``BINS`` bins, a histogram per row/column gives the bin the K-th best lies in, and only
entries at or above it are kept and sorted. For the vacancies' side the histograms accumulate
over the blocks, so the bar rises as better candidates are seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from koers.matching.weights import DAYS_PER_YEAR, DEFAULT_HALF_LIFE_YEARS, VALIDATION_WEIGHT
from koers.population.synthetic import EPOCH

BINS = 256
BLOCK = 2000
"""Job seekers per sparse product (bounds the memory of one product)."""
ROW_SURPLUS = 5
"""Entries kept per seeker and per wanted match before the exact selection."""
STRENGTH = np.array([VALIDATION_WEIGHT[v] for v in VALIDATION_WEIGHT], dtype=np.float32)

PAIR_SCHEMA = pa.schema(
    [
        ("vacancy_id", pa.int64()),
        ("citizen_id", pa.int64()),
        ("rank", pa.int16()),
        ("score", pa.float32()),
        ("vacancy_region", pa.string()),
        ("citizen_region", pa.string()),
        ("cross_region", pa.bool_()),
        ("vacancy_language", pa.string()),
        ("citizen_language", pa.string()),
        ("vacancy_occupation_uri", pa.string()),
        ("matched_skills", pa.list_(pa.dictionary(pa.int32(), pa.string()))),
        ("missing_skills", pa.list_(pa.dictionary(pa.int32(), pa.string()))),
    ]
)


@dataclass(frozen=True)
class VacancyIndex:
    """The vacancies as matrices: ``weights`` (skills × vacancies, CSR; each column sums to 1)
    and ``required`` (vacancies × skills, CSR, 1 where required); skill columns are taxonomy
    indices, ``skill_uris`` names them."""

    vacancy_ids: npt.NDArray[np.int64]
    regions: npt.NDArray[np.object_]
    languages: npt.NDArray[np.object_]
    occupations: npt.NDArray[np.object_]
    weights: sp.csr_matrix
    required: sp.csr_matrix
    skill_uris: tuple[str, ...]

    @classmethod
    def build(
        cls,
        table: pa.Table,
        *,
        skill_map: npt.NDArray[np.int32],
        specificity: npt.NDArray[np.float32],
        skill_uris: tuple[str, ...],
    ) -> VacancyIndex:
        """From a table of vacancies (VACANCY_SCHEMA); ``skill_map`` maps its skill indices to
        the taxonomy's, ``specificity`` weighs each taxonomy skill."""
        n = table.num_rows
        required = skill_matrix(table.column("required_skills"), skill_map, len(skill_uris))
        required.data[:] = 1.0
        weighted = sp.csr_matrix(required.multiply(specificity[np.newaxis, :]))
        total = np.asarray(weighted.sum(axis=1)).ravel()
        total[total == 0] = 1.0
        scaled = sp.diags((1.0 / total).astype(np.float32)) @ weighted
        return cls(
            vacancy_ids=table.column("vacancy_id").to_numpy(),
            regions=_strings(table, "region", n),
            languages=_strings(table, "language", n),
            occupations=_strings(table, "occupation_uri", n),
            weights=sp.csr_matrix(scaled.T, dtype=np.float32),
            required=required,
            skill_uris=skill_uris,
        )


def _strings(table: pa.Table, column: str, n: int) -> npt.NDArray[np.object_]:
    if column not in table.column_names:
        return np.full(n, None, dtype=object)
    return np.asarray(table.column(column).to_numpy(zero_copy_only=False), dtype=object)


def skill_matrix(
    column: pa.ChunkedArray,
    skill_map: npt.NDArray[np.int32],
    n_skills: int,
    values: npt.NDArray[np.float32] | None = None,
) -> sp.csr_matrix:
    """Rows × taxonomy skills (CSR) from a list<int32> column of vocabulary indices; the
    strongest value wins for a skill listed twice; unknown skills are left out."""
    lists = column.combine_chunks()
    lengths = np.asarray(pc.list_value_length(lists).fill_null(0).to_numpy(), dtype=np.int64)
    owner = np.repeat(np.arange(len(lists)), lengths)
    skill = skill_map[np.asarray(lists.flatten().to_numpy(zero_copy_only=False), dtype=np.int64)]
    data = np.ones(len(skill), dtype=np.float32) if values is None else values
    known = skill >= 0
    matrix = sp.coo_matrix(
        (data[known], (owner[known], skill[known])), shape=(len(lists), n_skills)
    ).tocsr()
    if matrix.has_canonical_format:
        return matrix
    # duplicates were summed: keep the maximum instead
    coo = sp.coo_matrix((data[known], (owner[known], skill[known])), shape=matrix.shape)
    order = np.lexsort((-coo.data, coo.col, coo.row))
    row, col, value = coo.row[order], coo.col[order], coo.data[order]
    first = np.ones(len(row), dtype=bool)
    first[1:] = (row[1:] != row[:-1]) | (col[1:] != col[:-1])
    return sp.csr_matrix((value[first], (row[first], col[first])), shape=matrix.shape)


def seeker_strengths(
    table: pa.Table,
    *,
    skill_map: npt.NDArray[np.int32],
    n_skills: int,
    today: date,
    half_life_years: float = DEFAULT_HALF_LIFE_YEARS,
) -> sp.csr_matrix:
    """Seekers × skills (CSR) of claim strengths: validation weight × recency, as
    :func:`koers.matching.weights.claim_strength`."""
    last_used = table.column("skill_last_used").combine_chunks().flatten()
    days = np.asarray(pc.cast(last_used, pa.int32()).fill_null(2**31 - 1).to_numpy())
    years = np.maximum((today - EPOCH).days - days.astype(np.int64), 0) / DAYS_PER_YEAR
    recency = np.power(0.5, years / half_life_years)
    if "skill_validation" in table.column_names:
        levels = table.column("skill_validation").combine_chunks().flatten()
        level = np.asarray(levels.fill_null(0).to_numpy(), dtype=np.int64)
    else:
        level = np.zeros(len(days), dtype=np.int64)
    values = (STRENGTH[level] * recency).astype(np.float32)
    return skill_matrix(table.column("skills"), skill_map, n_skills, values)


def _threshold_bins(histogram: npt.NDArray[np.int64], top: int) -> npt.NDArray[np.int64]:
    """Per row of a (rows × BINS) histogram: the lowest bin the ``top``-th best can lie in
    (0 when the row has fewer than ``top`` entries)."""
    from_top = np.cumsum(histogram[:, ::-1], axis=1)
    enough = from_top[:, -1] >= top
    first = np.argmax(from_top >= top, axis=1)
    return np.where(enough, BINS - 1 - first, 0)


def _row_of(
    indptr: npt.NDArray[np.int32], positions: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """The CSR row of each entry position (positions ascending)."""
    return np.searchsorted(indptr, positions, side="right") - 1


def _cut(scores: npt.NDArray[np.float32], wanted: int) -> float:
    """A score that about ``wanted`` of ``scores`` reach (estimated on a sample)."""
    if wanted >= len(scores):
        return 0.0
    sample = scores[:: max(1, len(scores) // 50_000)]
    return float(np.quantile(sample, 1.0 - wanted / len(scores)))


def _bins(scores: npt.NDArray[np.float32]) -> npt.NDArray[np.int32]:
    bins = (scores * BINS).astype(np.int32)
    np.minimum(bins, BINS - 1, out=bins)
    return bins


def _top_per_group(
    group: npt.NDArray[np.int64],
    other: npt.NDArray[np.int64],
    score: npt.NDArray[np.float32],
    top: int,
) -> npt.NDArray[np.int64]:
    """Positions of the ``top`` best entries of each group (by score, then ``other``
    ascending), ordered by group and rank."""
    order = np.lexsort((other, -score, group))
    grouped = group[order]
    start = np.ones(len(order), dtype=bool)
    start[1:] = grouped[1:] != grouped[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - first
    return order[rank < top]


@dataclass
class PartitionMatches:
    """The best of one partition of seekers: for each seeker row its top vacancies, and for
    each vacancy its best seekers in this partition (rows are positions in the partition)."""

    seeker_rows: npt.NDArray[np.int64]
    seeker_vacancies: npt.NDArray[np.int64]
    seeker_scores: npt.NDArray[np.float32]
    vacancy_columns: npt.NDArray[np.int64]
    vacancy_rows: npt.NDArray[np.int64]
    vacancy_scores: npt.NDArray[np.float32]


def match_block(
    strengths: sp.csr_matrix, index: VacancyIndex, *, top: int, row_ids: npt.NDArray[np.int64]
) -> PartitionMatches:
    """Top ``top`` vacancies per seeker row and top ``top`` seekers per vacancy among the rows
    of ``strengths`` (seekers × skills). Ties go to the lower vacancy index / ``row_ids``."""
    n_vac = index.weights.shape[1]
    accumulated = np.zeros((n_vac, BINS), dtype=np.int64)
    bar_bin = np.zeros(n_vac, dtype=np.int64)
    bar = np.zeros(n_vac, dtype=np.float32)  # bar_bin / BINS: no score below it can make the top
    seeker_parts: list[tuple[npt.NDArray[np.int64], ...]] = []
    vacancy_parts: list[tuple[npt.NDArray[np.int64], ...]] = []
    for start in range(0, strengths.shape[0], BLOCK):
        product = (strengths[start : start + BLOCK] @ index.weights).tocsr()
        n_rows = product.shape[0]
        indptr = product.indptr
        lengths = np.diff(indptr)
        cols = product.indices
        scores = product.data
        # seekers: a cut leaving about ROW_SURPLUS × top entries per row; a row with fewer than
        # ``top`` entries above it keeps all of its entries, so the top stays exact
        above = scores >= _cut(scores, ROW_SURPLUS * top * n_rows)
        padded = np.append(above, False)  # every row start is a valid index, even at the end
        counts = np.add.reduceat(padded, indptr[:-1], dtype=np.int64)
        short = np.where(lengths > 0, counts, 0) < top
        if short.any():  # those rows: the bin of their top-th best from a histogram
            mine = np.flatnonzero(np.repeat(short, lengths))
            their_rows, their_bins = _row_of(indptr, mine), _bins(scores[mine])
            per_row = np.bincount(their_rows * BINS + their_bins, minlength=n_rows * BINS)
            least = _threshold_bins(per_row.reshape(n_rows, BINS), top)
            above[mine] = their_bins >= least[their_rows]
        kept = np.flatnonzero(above)
        kept_rows, kept_cols, kept_scores = _row_of(indptr, kept), cols[kept], scores[kept]
        best = _top_per_group(kept_rows, kept_cols, kept_scores, top)
        seeker_parts.append((kept_rows[best] + start, kept_cols[best], kept_scores[best]))
        # vacancies: entries below a vacancy's bar can never reach its top; the bar only rises
        kept = np.flatnonzero(scores >= bar[cols])
        kept_cols, kept_rows, kept_scores = cols[kept], _row_of(indptr, kept), scores[kept]
        kept_bins = _bins(kept_scores)
        if len(kept_cols) > n_vac * BINS // 16:
            counts = np.bincount(kept_cols * BINS + kept_bins, minlength=n_vac * BINS)
            accumulated += counts.reshape(n_vac, BINS)
        else:
            np.add.at(accumulated, (kept_cols, kept_bins), 1)
        touched = np.unique(kept_cols)
        bar_bin[touched] = _threshold_bins(accumulated[touched], top)
        bar[touched] = bar_bin[touched].astype(np.float32) / BINS
        still = kept_scores >= bar[kept_cols]
        vacancy_parts.append((kept_cols[still], kept_rows[still] + start, kept_scores[still]))
    if not seeker_parts:
        empty = np.zeros(0, dtype=np.int64)
        none = np.zeros(0, dtype=np.float32)
        return PartitionMatches(empty, empty, none, empty, empty, none)
    s_rows, s_cols, s_scores = (np.concatenate(p) for p in zip(*seeker_parts, strict=True))
    v_cols, v_rows, v_scores = (np.concatenate(p) for p in zip(*vacancy_parts, strict=True))
    keep = v_scores >= bar[v_cols]
    v_cols, v_rows, v_scores = v_cols[keep], v_rows[keep], v_scores[keep]
    best = _top_per_group(v_cols, row_ids[v_rows], v_scores, top)
    return PartitionMatches(
        seeker_rows=s_rows,
        seeker_vacancies=s_cols,
        seeker_scores=s_scores.astype(np.float32),
        vacancy_columns=v_cols[best],
        vacancy_rows=v_rows[best],
        vacancy_scores=v_scores[best].astype(np.float32),
    )


def merge_vacancy_candidates(
    columns: npt.NDArray[np.int64],
    citizen_ids: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float32],
    *,
    top: int,
) -> npt.NDArray[np.int64]:
    """Positions of the overall ``top`` per vacancy among partitions' candidates (ties: lower
    citizen id first), ordered by vacancy and rank."""
    return _top_per_group(columns, citizen_ids, scores, top)


def ranks_in_groups(group: npt.NDArray[np.int64]) -> npt.NDArray[np.int16]:
    """1-based rank within runs of equal ``group`` (entries ordered by group and rank)."""
    start = np.ones(len(group), dtype=bool)
    start[1:] = group[1:] != group[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(group)), 0))
    return (np.arange(len(group)) - first + 1).astype(np.int16)


def pair_table(
    seekers: pa.Table,
    held: sp.csr_matrix,
    index: VacancyIndex,
    *,
    rows: npt.NDArray[np.int64],
    vacancies: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float32],
    ranks: npt.NDArray[np.int16],
) -> pa.Table:
    """The pairs (seeker ``rows`` of ``seekers``/``held``, vacancy positions) with their
    ``ranks`` and their matched and missing skills (URIs), as PAIR_SCHEMA."""
    binary = held[rows].astype(bool).astype(np.float32)
    required = index.required[vacancies]
    matched = binary.multiply(required).tocsr()
    missing = (required - matched).tocsr()
    missing.eliminate_zeros()
    dictionary = pa.array(index.skill_uris, type=pa.string())

    def uri_lists(matrix: sp.csr_matrix) -> pa.ListArray:
        matrix.sort_indices()
        values = pa.DictionaryArray.from_arrays(
            pa.array(matrix.indices.astype(np.int32)), dictionary
        )
        return pa.ListArray.from_arrays(pa.array(matrix.indptr.astype(np.int32)), values)

    citizen_ids = seekers.column("citizen_id").to_numpy()[rows]
    citizen_region = _strings(seekers, "region", seekers.num_rows)[rows]
    vacancy_region = index.regions[vacancies]
    return pa.Table.from_pydict(
        {
            "vacancy_id": pa.array(index.vacancy_ids[vacancies]),
            "citizen_id": pa.array(citizen_ids),
            "rank": pa.array(ranks.astype(np.int16)),
            "score": pa.array(np.round(scores, 4).astype(np.float32)),
            "vacancy_region": pa.array(vacancy_region, type=pa.string()),
            "citizen_region": pa.array(citizen_region, type=pa.string()),
            "cross_region": pa.array(vacancy_region != citizen_region),
            "vacancy_language": pa.array(index.languages[vacancies], type=pa.string()),
            "citizen_language": pa.array(
                _strings(seekers, "language", seekers.num_rows)[rows], type=pa.string()
            ),
            "vacancy_occupation_uri": pa.array(index.occupations[vacancies], type=pa.string()),
            "matched_skills": uri_lists(matched),
            "missing_skills": uri_lists(missing),
        },
        schema=PAIR_SCHEMA,
    )


def seeker_pairs(
    seekers: pa.Table, held: sp.csr_matrix, index: VacancyIndex, found: PartitionMatches
) -> pa.Table:
    """Each seeker's top vacancies of ``found`` as pairs, ranked per seeker."""
    return pair_table(
        seekers,
        held,
        index,
        rows=found.seeker_rows,
        vacancies=found.seeker_vacancies,
        scores=found.seeker_scores,
        ranks=ranks_in_groups(found.seeker_rows),
    )


def vacancy_pairs(
    seekers: pa.Table, held: sp.csr_matrix, index: VacancyIndex, found: PartitionMatches
) -> pa.Table:
    """Each vacancy's best seekers of ``found`` as pairs, ranked per vacancy."""
    return pair_table(
        seekers,
        held,
        index,
        rows=found.vacancy_rows,
        vacancies=found.vacancy_columns,
        scores=found.vacancy_scores,
        ranks=ranks_in_groups(found.vacancy_columns),
    )


def brute_force_scores(held: sp.csr_matrix, index: VacancyIndex) -> npt.NDArray[np.float32]:
    """Every seeker × vacancy score, dense (the obvious reference, for small inputs only)."""
    return np.asarray((held @ index.weights).toarray(), dtype=np.float32)
