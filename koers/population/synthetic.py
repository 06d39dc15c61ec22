"""Generate synthetic citizens and vacancies from ESCO occupation profiles, fully vectorised.

A citizen gets an occupation (drawn with weights that depend on education: ISCO skill level
follows education), keeps each essential skill of it with a personal probability (mean about
0.86) and each optional skill with 0.3, adds a few unrelated skills (noise, by how common a
skill is across occupations) and some of the 11 future competences (more often with more
education). Skills age: the last use of a skill lies further back for people out of work and
for unrelated skills; about one claim in ten has no known last use.

Every draw comes from ``numpy.random.default_rng([seed, partition])``, so a partition is the
same whoever generates it and in whatever order. Nothing here describes a real person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from koers.checks.future import future_competences
from koers.matching.engine import MatchingEngine
from koers.matching.weights import DAYS_PER_YEAR

SYNTHETIC = "synthetic"
STATUSES = ("employed", "self_employed", "job_seeker", "inactive")
STATUS_SHARE = (0.70, 0.10, 0.08, 0.12)
EDUCATION = ("low", "mid", "high")
EDUCATION_SHARE = (0.20, 0.43, 0.37)
REGIONS = ("Flanders", "Wallonia", "Brussels")
REGION_SHARE = (0.58, 0.32, 0.10)
VACANCY_REGION_SHARE = (0.62, 0.25, 0.13)
LANGUAGES = ("nl", "fr", "de", "en")
LANGUAGE_BY_REGION = (  # rows: REGIONS, columns: LANGUAGES
    (0.95, 0.02, 0.00, 0.03),
    (0.02, 0.95, 0.02, 0.01),
    (0.15, 0.70, 0.00, 0.15),
)
VALIDATION_SHARE = (0.60, 0.25, 0.15)  # self-declared, confirmed, formally recognised
OPTIONAL_KEPT = 0.30
NOISE_SKILLS = 3.0  # mean number of unrelated skills
FUTURE_HELD = (0.25, 0.35, 0.50)  # chance per future competence, by education
TRAINING = (0.12, 0.22, 0.33)  # training in the last 12 months, by education
GUIDANCE = (0.004, 0.012, 0.035)  # career guidance in the last 12 months, by education
ASPIRATION_SHARE = 0.15
UNKNOWN_LAST_USED = 0.10
EPOCH = date(1970, 1, 1)
OCCUPATION_SEED = 20_240_601  # fixed: the occupation mix is part of the model, not of a run


@dataclass(frozen=True)
class PopulationModel:
    """What the generator draws from: occupation profiles and weights, as plain arrays.

    ``profile_indptr``/``profile_indices``/``profile_essential`` are the occupations' skills in
    CSR form (taxonomy indices); ``occupation_p`` has one probability row per education level,
    shape (3, n_occupations); ``skill_p`` the noise-skill probabilities, shape (n_skills,).
    """

    occupation_uris: tuple[str, ...]
    skill_uris: tuple[str, ...]
    profile_indptr: npt.NDArray[np.int64]
    profile_indices: npt.NDArray[np.int32]
    profile_essential: npt.NDArray[np.bool_]
    occupation_p: npt.NDArray[np.float64]
    vacancy_p: npt.NDArray[np.float64]
    skill_p: npt.NDArray[np.float64]
    future_skills: tuple[npt.NDArray[np.int32], ...]

    @classmethod
    def from_engine(cls, engine: MatchingEngine) -> PopulationModel:
        """The model of the taxonomy behind ``engine`` (its occupation profiles)."""
        taxonomy = engine.taxonomy
        profiles = engine.profiles
        n_occ = len(taxonomy.occupations)
        rng = np.random.default_rng(OCCUPATION_SEED)
        popularity = rng.lognormal(0.0, 1.0, n_occ)
        popularity[np.diff(profiles.indptr) == 0] = 0.0
        level = engine.skill_level.astype(np.int64)  # ISCO skill level 1..4
        preferred = {0: (1.0, 2.0), 1: (2.0, 2.5), 2: (3.5, 4.0)}
        rows = []
        for education in range(3):
            low, high = preferred[education]
            affinity = np.where((level >= low) & (level <= high), 1.0, 0.15)
            weights = popularity * affinity
            rows.append(weights / weights.sum())
        per_skill = np.bincount(profiles.indices, minlength=len(taxonomy.skills)).astype(float)
        index = taxonomy.skill_index
        future = tuple(
            np.array([index[u] for u in c.skill_uris if u in index], dtype=np.int32)
            for c in future_competences()
        )
        return cls(
            occupation_uris=tuple(o.uri for o in taxonomy.occupations),
            skill_uris=tuple(s.uri for s in taxonomy.skills),
            profile_indptr=profiles.indptr.astype(np.int64),
            profile_indices=profiles.indices.astype(np.int32),
            profile_essential=np.asarray(profiles.data >= 1.0),
            occupation_p=np.vstack(rows),
            vacancy_p=popularity / popularity.sum(),
            skill_p=per_skill / per_skill.sum(),
            future_skills=tuple(f for f in future if len(f)),
        )


def _choice(
    rng: np.random.Generator, shares: tuple[float, ...] | npt.NDArray[np.float64], size: int
) -> npt.NDArray[np.int64]:
    p = np.asarray(shares, dtype=np.float64)
    return rng.choice(len(p), size=size, p=p / p.sum())


def _profile_entries(
    model: PopulationModel, occupation: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For each owner with an occupation (>= 0): (owner, position in profile_indices) pairs."""
    owners = np.flatnonzero(occupation >= 0)
    starts = model.profile_indptr[occupation[owners]]
    lengths = model.profile_indptr[occupation[owners] + 1] - starts
    owner = np.repeat(owners, lengths)
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    position = np.repeat(starts, lengths) + (np.arange(len(owner)) - first)
    return owner, position


def _list_array(owner: npt.NDArray[np.int64], values: pa.Array, count: int) -> pa.ListArray:
    """A list array of ``count`` rows from entries sorted by ``owner``."""
    offsets = np.zeros(count + 1, dtype=np.int32)
    np.cumsum(np.bincount(owner, minlength=count), out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def generate_citizens(
    model: PopulationModel,
    *,
    count: int,
    first_id: int = 0,
    seed: int = 0,
    partition: int = 0,
    today: date,
    job_seeker_share: float | None = None,
) -> pa.Table:
    """``count`` synthetic citizens with ids ``first_id ...`` as an Arrow table (CITIZEN_SCHEMA).

    ``job_seeker_share`` overrides the share of job seekers (the rest keeps its proportions).
    """
    from koers.population.store import CITIZEN_SCHEMA

    rng = np.random.default_rng([seed, partition])
    n_skills = len(model.skill_uris)
    shares = np.array(STATUS_SHARE)
    if job_seeker_share is not None:
        others = np.delete(shares, 2)
        others = others / others.sum() * (1.0 - job_seeker_share)
        shares = np.insert(others, 2, job_seeker_share)
    status = _choice(rng, shares, count)
    education = _choice(rng, EDUCATION_SHARE, count)
    region = _choice(rng, REGION_SHARE, count)
    language = np.zeros(count, dtype=np.int64)
    for r, row in enumerate(LANGUAGE_BY_REGION):
        here = np.flatnonzero(region == r)
        language[here] = _choice(rng, row, len(here))
    age = rng.integers(18, 67, count).astype(np.int8)
    occupation = np.full(count, -1, dtype=np.int64)
    aspiration = np.full(count, -1, dtype=np.int64)
    for e in range(3):
        here = np.flatnonzero(education == e)
        occupation[here] = _choice(rng, model.occupation_p[e], len(here))
        wish = here[rng.random(len(here)) < ASPIRATION_SHARE]
        aspiration[wish] = _choice(rng, model.occupation_p[min(e + 1, 2)], len(wish))
    inactive = status == 3
    occupation[inactive & (rng.random(count) < 0.5)] = -1
    aspiration[aspiration == occupation] = -1

    # skills: the occupation's profile, thinned; unrelated noise; some future competences
    owner, position = _profile_entries(model, occupation)
    essential = model.profile_essential[position]
    keep_essential = rng.beta(9.0, 1.5, count)
    kept = rng.random(len(owner)) < np.where(essential, keep_essential[owner], OPTIONAL_KEPT)
    owners = [owner[kept]]
    skills = [model.profile_indices[position[kept]].astype(np.int64)]
    related = [np.ones(int(kept.sum()), dtype=bool)]
    noise = rng.poisson(NOISE_SKILLS + 3.0 * (occupation < 0), count)
    owners.append(np.repeat(np.arange(count), noise))
    skills.append(_choice(rng, model.skill_p, int(noise.sum())))
    related.append(np.zeros(int(noise.sum()), dtype=bool))
    held = np.asarray(FUTURE_HELD)[education]
    for competence in model.future_skills:
        who = np.flatnonzero(rng.random(count) < held)
        owners.append(who)
        skills.append(competence[rng.integers(0, len(competence), len(who))].astype(np.int64))
        related.append(np.zeros(len(who), dtype=bool))
    all_owner = np.concatenate(owners)
    all_skill = np.concatenate(skills)
    all_related = np.concatenate(related)
    key, first = np.unique(all_owner * n_skills + all_skill, return_index=True)
    all_owner, all_skill, all_related = key // n_skills, key % n_skills, all_related[first]

    # ageing: recent for related skills of people at work, older otherwise
    out_of_work = (status >= 2).astype(float)
    since_work = rng.exponential(2.5, count) * out_of_work
    scale = np.where(all_related, 1.0, 1.8)
    years = since_work[all_owner] + rng.exponential(1.0, len(all_owner)) * scale
    days_back = np.round(years * DAYS_PER_YEAR).astype(np.int64)
    today_days = (today - EPOCH).days
    last_used = pa.array(
        (today_days - days_back).astype(np.int32),
        type=pa.date32(),
        mask=rng.random(len(all_owner)) < UNKNOWN_LAST_USED,
    )
    validation = _choice(rng, VALIDATION_SHARE, len(all_owner)).astype(np.int8)

    trained = rng.random(count) < np.asarray(TRAINING)[education] * np.where(inactive, 0.5, 1.0)
    guidance = rng.random(count) < np.asarray(GUIDANCE)[education]
    spend = np.where(trained, rng.lognormal(6.2, 0.8, count), 0.0).astype(np.float32)
    demand_driven = (spend * rng.beta(1.5, 4.0, count)).astype(np.float32)

    occupations = np.asarray(model.occupation_uris, dtype=object)
    columns = {
        "citizen_id": pa.array(np.arange(first_id, first_id + count, dtype=np.int64)),
        "status": pa.array(np.asarray(STATUSES, dtype=object)[status], type=pa.string()),
        "occupation_uri": pa.array(
            occupations[np.maximum(occupation, 0)], type=pa.string(), mask=occupation < 0
        ),
        "aspiration_uri": pa.array(
            occupations[np.maximum(aspiration, 0)], type=pa.string(), mask=aspiration < 0
        ),
        "age": pa.array(age),
        "education": pa.array(np.asarray(EDUCATION, dtype=object)[education], type=pa.string()),
        "region": pa.array(np.asarray(REGIONS, dtype=object)[region], type=pa.string()),
        "language": pa.array(np.asarray(LANGUAGES, dtype=object)[language], type=pa.string()),
        "trained_last_12_months": pa.array(trained),
        "career_guidance_last_12_months": pa.array(guidance),
        "learning_spend_eur": pa.array(spend),
        "demand_driven_spend_eur": pa.array(demand_driven),
        "skills": _list_array(all_owner, pa.array(all_skill.astype(np.int32)), count),
        "skill_last_used": _list_array(all_owner, last_used, count),
        "skill_validation": _list_array(all_owner, pa.array(validation), count),
    }
    return pa.Table.from_pydict(columns, schema=CITIZEN_SCHEMA)


def generate_vacancies(
    model: PopulationModel,
    *,
    count: int,
    first_id: int = 0,
    seed: int = 0,
    partition: int = 0,
    today: date,
) -> pa.Table:
    """``count`` synthetic vacancies with ids ``first_id ...`` (VACANCY_SCHEMA): an occupation,
    a region and its language, and required skills drawn from the occupation's profile."""
    from koers.population.store import VACANCY_SCHEMA

    rng = np.random.default_rng([seed, 1_000_003, partition])
    occupation = _choice(rng, model.vacancy_p, count)
    region = _choice(rng, VACANCY_REGION_SHARE, count)
    language = np.zeros(count, dtype=np.int64)
    for r, row in enumerate(LANGUAGE_BY_REGION):
        here = np.flatnonzero(region == r)
        language[here] = _choice(rng, row, len(here))
    owner, position = _profile_entries(model, occupation)
    essential = model.profile_essential[position]
    kept = rng.random(len(owner)) < np.where(essential, 0.7, 0.15)
    lengths = np.bincount(owner, minlength=count)
    few = lengths[owner] <= 5
    kept |= few  # a short profile is asked for whole
    owner, skills = owner[kept], model.profile_indices[position[kept]]
    posted = (today - EPOCH).days - rng.integers(0, 60, count)
    occupations = np.asarray(model.occupation_uris, dtype=object)
    columns = {
        "vacancy_id": pa.array(np.arange(first_id, first_id + count, dtype=np.int64)),
        "occupation_uri": pa.array(occupations[occupation], type=pa.string()),
        "region": pa.array(np.asarray(REGIONS, dtype=object)[region], type=pa.string()),
        "language": pa.array(np.asarray(LANGUAGES, dtype=object)[language], type=pa.string()),
        "required_skills": _list_array(owner, pa.array(skills.astype(np.int32)), count),
        "posted_on": pa.array(posted.astype(np.int32), type=pa.date32()),
    }
    return pa.Table.from_pydict(columns, schema=VACANCY_SCHEMA)
