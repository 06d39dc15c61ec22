"""The training recommender: courses for a gap of missing skills, best first, each with why.

The catalogue is indexed once as a sparse skill × course matrix (CSR, one row per skill), so a
gap of ``g`` skills touches only the courses that teach one of them: the work grows with the
number of (gap skill, course) pairs, not with the catalogue.

Ranking, in order (lexicographic, so each criterion only breaks ties of the one before):

1. how many gap skills the course covers (more first);
2. how well it fits the person's preferences: the preferred modes, and the region (a course
   given online, or anywhere, fits every region);
3. the cost after the best incentive the person is entitled to and the course is recognised
   for (cheaper first; incentives do not add up, the best one counts);
4. the duration in hours (shorter first); then the course id, so the order is stable.

Courses the person has already taken are left out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from koers.errors import InvalidInput
from koers.training.model import REGION_NAMES, Catalogue, Course, Mode

MAX_GAP = 500
MAX_LIMIT = 1000


class EmptyGap(InvalidInput):
    code = "training.empty_gap"
    message = "Name at least one missing skill."


class GapTooLarge(InvalidInput):
    code = "training.gap_too_large"
    message = "A gap holds at most {limit} skills."


class LimitOutOfRange(InvalidInput):
    code = "training.limit_out_of_range"
    message = "The number of courses must be between 1 and {limit}."


@dataclass(frozen=True, slots=True)
class Incentive:
    """An incentive the person is entitled to: it pays ``share`` of a recognised course's
    cost, at most ``cap_eur`` per course (``None``: no cap)."""

    incentive_id: str
    label: str
    share: float
    cap_eur: float | None = None

    def discount(self, cost: float) -> float:
        paid = cost * self.share
        return paid if self.cap_eur is None else min(paid, self.cap_eur)


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the person prefers: modes (empty: any) and region (empty: any)."""

    modes: tuple[Mode, ...] = ()
    region: str = ""


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommended course, with the gap skills it covers and why it is recommended."""

    course_id: str
    title: str
    provider: str
    covers: tuple[str, ...]
    cost: float
    cost_after_incentives: float
    incentive: str  # the incentive id applied, or ""
    duration_hours: float
    mode: str
    region: str
    why: str


@dataclass(eq=False)
class CatalogueIndex:
    """A catalogue indexed for recommending: built once, shared by every request.

    ``skill_courses`` is a CSR matrix of shape (n_skills, n_courses) with a 1 where a course
    teaches a skill; ``recognised`` a (n_courses, n_incentives) boolean array.
    """

    catalogue: Catalogue
    skill_index: dict[str, int] = field(init=False)
    skill_courses: sparse.csr_array = field(init=False)
    cost: npt.NDArray[np.float64] = field(init=False)
    hours: npt.NDArray[np.float64] = field(init=False)
    mode: npt.NDArray[np.int8] = field(init=False)
    region: npt.NDArray[np.object_] = field(init=False)
    incentive_index: dict[str, int] = field(init=False)
    recognised: npt.NDArray[np.bool_] = field(init=False)
    ids: npt.NDArray[np.object_] = field(init=False)
    id_index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        courses = self.catalogue.courses
        self.skill_index = {}
        rows: list[int] = []
        cols: list[int] = []
        for number, course in enumerate(courses):
            for uri in course.skills:
                rows.append(self.skill_index.setdefault(uri, len(self.skill_index)))
                cols.append(number)
        shape = (len(self.skill_index), len(courses))
        data = np.ones(len(rows), dtype=np.int8)
        matrix = sparse.coo_array((data, (rows, cols)), shape=shape).tocsr()
        matrix.sum_duplicates()
        self.skill_courses = matrix
        self.cost = np.array([c.cost_eur for c in courses], dtype=np.float64)
        self.hours = np.array([c.duration_hours for c in courses], dtype=np.float64)
        modes = list(Mode)
        self.mode = np.array([modes.index(c.mode) for c in courses], dtype=np.int8)
        self.region = np.array([c.region for c in courses], dtype=object)
        names = sorted({i for c in courses for i in c.recognised_for})
        self.incentive_index = {name: k for k, name in enumerate(names)}
        self.recognised = np.zeros((len(courses), len(names)), dtype=bool)
        for number, course in enumerate(courses):
            for name in course.recognised_for:
                self.recognised[number, self.incentive_index[name]] = True
        self.ids = np.array([c.course_id for c in courses], dtype=object)
        self.id_index = {c.course_id: k for k, c in enumerate(courses)}

    def __len__(self) -> int:
        return len(self.catalogue.courses)

    def course(self, number: int) -> Course:
        return self.catalogue.courses[number]

    def coverage(self, gap_rows: Sequence[int]) -> npt.NDArray[np.int64]:
        """How many of the gap's skills (given as rows of ``skill_courses``) each course
        teaches; shape (n_courses,)."""
        indptr, indices = self.skill_courses.indptr, self.skill_courses.indices
        if not gap_rows:
            return np.zeros(len(self), dtype=np.int64)
        touched = np.concatenate([indices[indptr[r] : indptr[r + 1]] for r in gap_rows])
        return np.bincount(touched, minlength=len(self))

    def cost_after(
        self, numbers: npt.NDArray[np.int64], incentives: Sequence[Incentive]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
        """Cost after the best applicable incentive for the courses ``numbers``, and which
        incentive (position in ``incentives``; -1 for none) gave it."""
        cost = self.cost[numbers]
        best = np.zeros(len(numbers))
        which = np.full(len(numbers), -1, dtype=np.int64)
        for k, incentive in enumerate(incentives):
            column = self.incentive_index.get(incentive.incentive_id)
            if column is None:
                continue
            paid = cost * incentive.share
            if incentive.cap_eur is not None:
                paid = np.minimum(paid, incentive.cap_eur)
            paid = np.where(self.recognised[numbers, column], paid, 0.0)
            better = paid > best
            best = np.where(better, paid, best)
            which = np.where(better, k, which)
        return cost - best, which


def _fit(
    index: CatalogueIndex, numbers: npt.NDArray[np.int64], prefs: Preferences
) -> npt.NDArray[np.int64]:
    fit = np.zeros(len(numbers), dtype=np.int64)
    if prefs.modes:
        wanted = [list(Mode).index(m) for m in prefs.modes]
        fit += np.isin(index.mode[numbers], wanted)
    if prefs.region:
        region = index.region[numbers]
        online = index.mode[numbers] == list(Mode).index(Mode.ONLINE)
        fit += (region == prefs.region) | (region == "") | online
    return fit


def check_gap(gap: Sequence[str], limit: int) -> list[str]:
    """The gap without repeats; raise :class:`EmptyGap`, :class:`GapTooLarge` or
    :class:`LimitOutOfRange` on bad input."""
    unique = list(dict.fromkeys(u for u in gap if u))
    if not unique:
        raise EmptyGap()
    if len(unique) > MAX_GAP:
        raise GapTooLarge(limit=MAX_GAP)
    if not 1 <= limit <= MAX_LIMIT:
        raise LimitOutOfRange(limit=MAX_LIMIT)
    return unique


def recommend(
    index: CatalogueIndex,
    gap: Sequence[str],
    *,
    incentives: Sequence[Incentive] = (),
    preferences: Preferences = Preferences(),
    taken: Collection[str] = (),
    limit: int = 10,
    lang: str = "nl",
    labels: Mapping[str, str] | None = None,
) -> list[Recommendation]:
    """Return up to ``limit`` courses for the missing skills ``gap`` (ESCO URIs), best first
    (see the module docstring for the order), leaving out course ids in ``taken``.

    ``labels`` (skill URI → label) words the why text; ``lang`` is "nl" or "en".
    Raises :class:`EmptyGap`, :class:`GapTooLarge` or :class:`LimitOutOfRange`.
    """
    gap = check_gap(gap, limit)
    rows = [index.skill_index[u] for u in gap if u in index.skill_index]
    covered = index.coverage(rows)
    for course_id in taken:
        number = index.id_index.get(course_id)
        if number is not None:
            covered[number] = 0
    numbers = np.flatnonzero(covered)
    if not len(numbers):
        return []
    after, which = index.cost_after(numbers, incentives)
    fit = _fit(index, numbers, preferences)
    # np.lexsort sorts by the last key first
    order = np.lexsort((index.ids[numbers], index.hours[numbers], after, -fit, -covered[numbers]))
    gap_set = set(gap)
    result = []
    for position in order[:limit]:
        course = index.course(int(numbers[position]))
        applied = incentives[which[position]] if which[position] >= 0 else None
        covers = tuple(u for u in course.skills if u in gap_set)
        result.append(
            Recommendation(
                course_id=course.course_id,
                title=course.title,
                provider=course.provider,
                covers=covers,
                cost=round(course.cost_eur, 2),
                cost_after_incentives=round(float(after[position]), 2),
                incentive=applied.incentive_id if applied else "",
                duration_hours=course.duration_hours,
                mode=course.mode.value,
                region=course.region,
                why=why_text(
                    course,
                    covers=covers,
                    gap_size=len(gap),
                    cost_after=float(after[position]),
                    incentive=applied,
                    preferences=preferences,
                    labels=labels or {},
                    lang=lang,
                ),
            )
        )
    return result


MODE_WORDS = {
    "nl": {
        Mode.CLASSROOM: "klassikaal",
        Mode.ONLINE: "online",
        Mode.BLENDED: "gemengd (klas en online)",
        Mode.WORKPLACE: "op de werkvloer",
    },
    "en": {
        Mode.CLASSROOM: "in a classroom",
        Mode.ONLINE: "online",
        Mode.BLENDED: "blended (classroom and online)",
        Mode.WORKPLACE: "at the workplace",
    },
}


def _euro(amount: float, lang: str) -> str:
    """``amount`` in euro, written the Dutch way (€1.250,50) or the English way (€1,250.50)."""
    text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    if lang == "nl":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return "€" + text


def why_text(
    course: Course,
    *,
    covers: Sequence[str],
    gap_size: int,
    cost_after: float,
    incentive: Incentive | None,
    preferences: Preferences,
    labels: Mapping[str, str],
    lang: str,
) -> str:
    """Why the course is recommended, in Dutch ("nl") or English (otherwise)."""
    names = ", ".join(labels.get(u) or u.rsplit("/", 1)[-1] for u in covers)
    mode = MODE_WORDS["nl" if lang == "nl" else "en"][course.mode]
    hours = f"{course.duration_hours:g}"
    if lang == "nl":
        parts = [f"Leert {len(covers)} van je {gap_size} ontbrekende competenties: {names}."]
        if incentive is not None:
            parts.append(
                f"Kost {_euro(cost_after, lang)} na {incentive.label} (in plaats van "
                f"{_euro(course.cost_eur, lang)})."
            )
        else:
            parts.append(
                "Gratis." if course.cost_eur == 0 else f"Kost {_euro(course.cost_eur, lang)}."
            )
        region = REGION_NAMES["nl"].get(course.region, course.region)
        where = f" in {region}" if region else ""
        parts.append(f"{hours} uur, {mode}{where}.")
        if preferences.modes and course.mode in preferences.modes:
            parts.append("Past bij de vorm die je verkiest.")
        if preferences.region and _fits_region(course, preferences.region):
            parts.append("Past bij je regio.")
        return " ".join(parts)
    parts = [f"Teaches {len(covers)} of your {gap_size} missing skills: {names}."]
    if incentive is not None:
        parts.append(
            f"Costs {_euro(cost_after, lang)} after {incentive.label} "
            f"(instead of {_euro(course.cost_eur, lang)})."
        )
    else:
        parts.append("Free." if course.cost_eur == 0 else f"Costs {_euro(course.cost_eur, lang)}.")
    region = REGION_NAMES["en"].get(course.region, course.region)
    where = f" in {region}" if region else ""
    parts.append(f"{hours} hours, {mode}{where}.")
    if preferences.modes and course.mode in preferences.modes:
        parts.append("Matches the mode you prefer.")
    if preferences.region and _fits_region(course, preferences.region):
        parts.append("Fits your region.")
    return " ".join(parts)


def _fits_region(course: Course, region: str) -> bool:
    return course.mode is Mode.ONLINE or course.region in ("", region)
