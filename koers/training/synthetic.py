"""A seeded generator of a SYNTHETIC training catalogue, for demos, tests and benchmarks.

Nothing it makes is a real course: every provider name starts with ``SYNTHETIC``, every course
has ``synthetic=True`` and the catalogue says so in its source. The demo catalogue covers the
essential skills of the tightest Flemish occupations (VDAB's published tension tables and the
2026 bottleneck list), each skill by at least two courses, so that gaps found by the checks
find somewhere to go.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from koers.taxonomy.taxonomy import Taxonomy
from koers.training.model import (
    REGIONS,
    SYNTHETIC_PROVIDER_PREFIX,
    Catalogue,
    Course,
    Level,
    Mode,
)

DEMO_SEED = 2026
SOURCE = "SYNTHETIC demo catalogue made by koers.training.synthetic (seed {seed}); not real courses"
HOURS = (4, 8, 16, 24, 40, 60, 80, 120)
MODES = (Mode.CLASSROOM, Mode.ONLINE, Mode.BLENDED, Mode.WORKPLACE)
MODE_WEIGHTS = (0.35, 0.3, 0.25, 0.1)
TITLE_PREFIX = {Level.BASIC: "Basis", Level.INTERMEDIATE: "Verdieping", Level.ADVANCED: "Expert"}


def _course(
    rng: random.Random,
    number: int,
    skills: Sequence[str],
    labels: Mapping[str, str],
) -> Course:
    level = rng.choice(tuple(Level))
    mode = rng.choices(MODES, MODE_WEIGHTS)[0]
    hours = float(rng.choice(HOURS))
    free = rng.random() < 0.08
    cost = 0.0 if free else float(round(hours * rng.uniform(6, 45) / 5) * 5 or 25)
    recognised = []
    if rng.random() < 0.45:
        recognised.append("opleidingscheques")
    if hours >= 16 and rng.random() < 0.35:
        recognised.append("vlaams_opleidingsverlof")
    if rng.random() < 0.3:
        recognised.append("kmo_portefeuille")
    if rng.random() < 0.2:
        recognised.append("leer_en_loopbaanrekening")
    names = [labels.get(uri) or uri.rsplit("/", 1)[-1] for uri in skills]
    title = f"{TITLE_PREFIX[level]}: {names[0]}" + (" en meer" if len(names) > 1 else "")
    starts = sorted(
        f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(rng.randint(1, 3))
    )
    return Course(
        course_id=f"SYN-{number:06d}",
        provider=f"{SYNTHETIC_PROVIDER_PREFIX} opleidingscentrum {rng.randint(1, 60)}",
        title=title,
        description="Synthetic demo course (not real). Teaches: " + "; ".join(names) + ".",
        skills=tuple(skills),
        level=level,
        duration_hours=hours,
        cost_eur=cost,
        mode=mode,
        region="" if mode is Mode.ONLINE else rng.choice(REGIONS),
        language="nl" if rng.random() < 0.9 else "en",
        start_dates=tuple(dict.fromkeys(starts)),
        recognised_for=tuple(recognised),
        synthetic=True,
    )


def synthetic_catalogue(
    skill_groups: Sequence[Sequence[str]],
    *,
    courses: int | None = None,
    coverage: int = 2,
    labels: Mapping[str, str] | None = None,
    seed: int = DEMO_SEED,
    max_skills_per_course: int = 4,
) -> Catalogue:
    """Make a synthetic catalogue whose courses teach skills of the same group (occupation).

    Parameters
    ----------
    skill_groups : skill URIs per group; a course teaches 1 to ``max_skills_per_course`` skills
        of one group.
    courses : how many courses in all; ``None``: just enough for the coverage.
    coverage : each skill of each group is taught by at least this many courses (as far as
        ``courses`` allows).
    labels : skill URI → label, for titles and descriptions.
    seed : the same seed gives the same catalogue.
    """
    rng = random.Random(seed)
    labels = labels or {}
    groups = [list(dict.fromkeys(g)) for g in skill_groups if g]
    made: list[Course] = []

    def add(skills: Sequence[str]) -> None:
        made.append(_course(rng, len(made) + 1, skills, labels))

    for _ in range(coverage):
        for group in groups:
            order = group[:]
            rng.shuffle(order)
            while order:
                size = rng.randint(1, max_skills_per_course)
                add(order[:size])
                order = order[size:]
    if courses is not None:
        made = made[:courses]
        while len(made) < courses and groups:
            group = rng.choice(groups)
            add(rng.sample(group, rng.randint(1, min(max_skills_per_course, len(group)))))
    return Catalogue(tuple(made), source=SOURCE.format(seed=seed), synthetic=True)


def tight_occupations() -> tuple[str, ...]:
    """ESCO URIs of the tightest occupations: VDAB's published top-20 tension tables first,
    then the 2026 bottleneck list (knelpuntberoepen)."""
    from koers.market.bundled import bottleneck_list_2026, real_tension_datasets

    uris = [
        row["esco_uri"]
        for dataset in real_tension_datasets()
        if dataset.kind == "vacancies"
        for row in dataset.rows
        if row["esco_uri"]
    ]
    uris += [b.esco_uri for b in bottleneck_list_2026() if b.esco_uri]
    return tuple(dict.fromkeys(uris))


def demo_catalogue(taxonomy: Taxonomy, *, seed: int = DEMO_SEED) -> Catalogue:
    """The SYNTHETIC demo catalogue: every essential skill of every tight occupation is taught
    by at least two courses."""
    groups = []
    labels: dict[str, str] = {}
    for uri in tight_occupations():
        if taxonomy.find_occupation(uri) is None:
            continue
        essential = taxonomy.skills_of(uri).essential
        groups.append([s.uri for s in essential])
        labels.update({s.uri: s.label("nl") for s in essential})
    return synthetic_catalogue(groups, labels=labels, seed=seed)
