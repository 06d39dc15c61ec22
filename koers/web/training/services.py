"""Training in the database: the catalogue (seeded, published, imported), enrolments paid from
the learning-and-career account, completion into the portfolio, and the rights profile.

The ranking, the learning path, the rules and the ledger rules are the domain's
(:mod:`koers.training`, :mod:`koers.rights`, :mod:`koers.ledger`); this module reads and
writes rows and hands them over.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from koers.errors import DataConflict, Forbidden, NotFound
from koers.ledger.model import Funder, InsufficientFunds, Statement
from koers.market.formats import ImportValidationError, RowError, Unreadable
from koers.portfolio.model import ClaimSource, Portfolio, SkillClaim, ValidationLevel
from koers.rights.model import Decision, Profile
from koers.rights.profile import course_cost_shares, profile_from_dict
from koers.rights.rules import evaluate
from koers.training.formats import (
    UnsupportedFile,
    course_to_dict,
    courses_from_rows,
    json_rows,
)
from koers.training.model import Catalogue, Level, Mode
from koers.training.model import Course as DomainCourse
from koers.training.recommend import CatalogueIndex, Incentive
from koers.web.accounts.models import Role, User
from koers.web.learning.models import Account
from koers.web.learning.models import Entry as LedgerRow
from koers.web.learning.selectors import account_entries, account_statement
from koers.web.learning.services import (
    account_deposit,
    account_open,
    account_release,
    account_reserve,
    account_spend,
    account_yearly_deposits,
)
from koers.web.portfolio import services as portfolio_services
from koers.web.portfolio.models import Claim
from koers.web.training.models import Course, Enrolment, RightsProfile

MAX_IMPORT_COURSES = 20_000


class UnknownCourse(NotFound):
    code = "training.unknown_course"
    message = "There is no course “{course_id}” in the catalogue."


class AlreadyEnrolled(DataConflict):
    code = "training.already_enrolled"
    message = "You are already enrolled in “{title}”."


class NotEnoughMoney(DataConflict):
    code = "training.not_enough_money"
    message = (
        "Your learning account holds {available} free, less than the {cost} this course costs."
    )


class UnknownEnrolment(NotFound):
    code = "training.unknown_enrolment"
    message = "There is no open enrolment with number {enrolment_id} for you."


class NotYourCourse(Forbidden):
    code = "training.not_your_course"
    message = "Only the provider who publishes “{course_id}” may change it or its enrolments."


class CourseIdTaken(DataConflict):
    code = "training.course_id_taken"
    message = "Course id “{course_id}” belongs to another provider's course."


# --- the catalogue -----------------------------------------------------------------------


def course_domain(row: Course) -> DomainCourse:
    return DomainCourse(
        course_id=row.course_id,
        provider=row.provider,
        title=row.title,
        description=row.description,
        skills=tuple(row.skills),
        level=Level(row.level),
        duration_hours=row.duration_hours,
        cost_eur=row.cost_eur,
        mode=Mode(row.mode),
        region=row.region,
        language=row.language,
        start_dates=tuple(row.start_dates),
        recognised_for=tuple(row.recognised_for),
        synthetic=row.synthetic,
    )


def _row_fields(course: DomainCourse) -> dict[str, Any]:
    data = course_to_dict(course)
    data["synthetic"] = bool(data["synthetic"])
    data.pop("course_id")
    return data


def ensure_demo_catalogue() -> int:
    """Seed the SYNTHETIC demo catalogue when the database holds none of it; return how many
    courses were added (0 when it was there)."""
    if Course.objects.filter(synthetic=True, owner__isnull=True).exists():
        return 0
    from koers.training import get_demo_catalogue

    now = timezone.now()
    rows = [
        Course(course_id=c.course_id, updated_at=now, **_row_fields(c))
        for c in get_demo_catalogue().courses
    ]
    try:
        with transaction.atomic():
            Course.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    except IntegrityError:  # seeded at the same moment by another request
        return 0
    return len(rows)


_index_lock = threading.Lock()
_index_cache: dict[tuple[Any, ...], CatalogueIndex] = {}


def catalogue_index() -> CatalogueIndex:
    """The catalogue in the database as the recommender's index, built once per version of
    the catalogue (seeding the demo catalogue when there is none)."""
    ensure_demo_catalogue()
    stamp = Course.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    key = (stamp["n"], stamp["last"], stamp["top"])
    with _index_lock:
        index = _index_cache.get(key)
        if index is None:
            rows = Course.objects.order_by("course_id")
            courses = tuple(course_domain(row) for row in rows)
            synthetic = bool(courses) and all(c.synthetic for c in courses)
            index = CatalogueIndex(Catalogue(courses, "koers database", synthetic=synthetic))
            _index_cache.clear()
            _index_cache[key] = index
    return index


@cache
def tight_skills() -> frozenset[str]:
    """The essential skills of the tightest occupations: training in them is demand-driven."""
    from koers.taxonomy import get_taxonomy
    from koers.training.synthetic import tight_occupations

    taxonomy = get_taxonomy()
    return frozenset(
        s.uri
        for uri in tight_occupations()
        if taxonomy.find_occupation(uri) is not None
        for s in taxonomy.skills_of(uri).essential
    )


def course_save(*, owner: User, data: Mapping[str, Any], known_skills: Mapping[str, Any]) -> Course:
    """Publish or change one of ``owner``'s courses; ``data`` holds the fields of the import
    format. Raises :class:`ImportValidationError` (every problem) or :class:`CourseIdTaken`."""
    (course,) = courses_from_rows([dict(data)], file="form", known_skills=known_skills)
    with transaction.atomic():
        existing = Course.objects.select_for_update().filter(course_id=course.course_id).first()
        if existing is not None and existing.owner_id != owner.pk:
            raise CourseIdTaken(course_id=course.course_id)
        fields = _row_fields(course) | {"owner": owner, "updated_at": timezone.now()}
        row, _ = Course.objects.update_or_create(course_id=course.course_id, defaults=fields)
    return row


def catalogue_import(
    *, by: User, name: str, content: bytes, known_skills: Mapping[str, Any]
) -> int:
    """Import a catalogue file (CSV or JSON) whole or not at all; return the number of
    courses kept. A provider's courses become theirs; an administrator's have no owner.

    Raises :class:`ImportValidationError` naming file, row and field of every problem, or
    :class:`CourseIdTaken` when a course id belongs to someone else.
    """
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportValidationError(
            [RowError(name, 0, "*", Unreadable(reason="not UTF-8"))]
        ) from None
    if suffix == "csv":
        try:
            rows: list[dict[str, Any]] = list(csv.DictReader(io.StringIO(text), strict=True))
        except csv.Error as error:
            raise ImportValidationError(
                [RowError(name, 0, "*", Unreadable(reason=str(error)))]
            ) from None
    elif suffix == "json":
        rows = json_rows(text, file=name)
    else:
        raise ImportValidationError([RowError(name, 0, "*", UnsupportedFile())])
    if len(rows) > MAX_IMPORT_COURSES:
        problem = Unreadable(reason=f"more than {MAX_IMPORT_COURSES} courses")
        raise ImportValidationError([RowError(name, 0, "*", problem)])
    courses = courses_from_rows(rows, file=name, known_skills=known_skills)
    owner = by if by.role == Role.PROVIDER else None
    with transaction.atomic():
        ids = [c.course_id for c in courses]
        existing = {
            c.course_id: c for c in Course.objects.select_for_update().filter(course_id__in=ids)
        }
        for course in courses:
            row = existing.get(course.course_id)
            if row is not None and owner is not None and row.owner_id != owner.pk:
                raise CourseIdTaken(course_id=course.course_id)
        now = timezone.now()
        for course in courses:
            fields = _row_fields(course) | {"updated_at": now}
            if course.course_id in existing:
                Course.objects.filter(pk=existing[course.course_id].pk).update(**fields)
            else:
                Course.objects.create(course_id=course.course_id, owner=owner, **fields)
    return len(courses)


# --- rights ------------------------------------------------------------------------------


def profile_data(row: RightsProfile) -> dict[str, Any]:
    """The saved profile as the rights engine's JSON object."""
    data: dict[str, Any] = {"status": row.status, "region": row.region}
    if row.age is not None:
        data["age"] = row.age
    if row.education_level:
        data["education_level"] = row.education_level
    if row.employer_size is not None:
        data["employer_size"] = row.employer_size
    if row.sector:
        data["sector"] = row.sector
    return data


def rights_profile(user: Any) -> Profile | None:
    row = RightsProfile.objects.filter(owner_id=user.pk).first() if user.is_authenticated else None
    return profile_from_dict(profile_data(row)) if row else None


@transaction.atomic
def rights_profile_save(*, owner: User, data: Mapping[str, Any]) -> Profile:
    """Check and keep the profile; a citizen's yearly account deposits follow from it.
    Raises :class:`~koers.rights.profile.ProfileInvalid`."""
    profile = profile_from_dict(data)
    RightsProfile.objects.update_or_create(
        owner=owner,
        defaults={
            "status": profile.status.value,
            "region": profile.region,
            "age": profile.age,
            "education_level": profile.education_level.value if profile.education_level else "",
            "employer_size": profile.employer_size,
            "sector": profile.sector[:10],
            "updated_at": timezone.now(),
        },
    )
    if owner.role == Role.CITIZEN:
        account = account_of(owner)
        account_yearly_deposits(account_id=account.pk, profile=profile, on=date.today())
    return profile


def decisions(profile: Profile, *, lang: str) -> list[Decision]:
    return evaluate(profile, on=date.today(), lang=lang)


def incentives_for(user: Any, *, lang: str = "nl") -> list[Incentive]:
    """The course-cost incentives the user's saved profile is entitled to (none without one)."""
    profile = rights_profile(user)
    if profile is None:
        return []
    return [
        Incentive(s.incentive_id, s.label, s.share, s.cap_eur)
        for s in course_cost_shares(decisions(profile, lang=lang))
    ]


def cost_after_incentives(course: DomainCourse, incentives: Sequence[Incentive]) -> float:
    """The course's cost after the best incentive it is recognised for (they do not add up)."""
    best = max(
        (
            i.discount(course.cost_eur)
            for i in incentives
            if i.incentive_id in course.recognised_for
        ),
        default=0.0,
    )
    return round(course.cost_eur - best, 2)


# --- gaps --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gap:
    """The skills a person misses, and where that comes from (the check or a career step)."""

    skill_uris: tuple[str, ...]
    source: str  # "check" or "goal"
    goal_uri: str = ""


def gap_from_check(portfolio: Portfolio, *, lang: str) -> Gap:
    """The essential skills missing for the current occupation and the aspirations, and the
    skills the action plan says to learn or refresh."""
    from koers.checks.citizen import citizen_check
    from koers.market.in_force import market_outlook
    from koers.matching import get_engine

    check = citizen_check(portfolio, engine=get_engine(), outlook=market_outlook(), lang=lang)
    uris = [u for s in check.risk_signals if s.code == "essential_gap" for u in s.skill_uris]
    uris += [
        a.skill_uri
        for a in check.action_plan
        if a.skill_uri and a.action in ("learn_skill", "refresh_skill")
    ]
    return Gap(tuple(dict.fromkeys(uris))[:200], "check")


def gap_for_goal(portfolio: Portfolio, goal_uri: str) -> Gap:
    """The essential skills of the occupation ``goal_uri`` (a career step) the person lacks.
    Raises the taxonomy's not-found error for an unknown occupation."""
    from koers.matching import get_engine

    engine = get_engine()
    taxonomy = engine.taxonomy
    index = taxonomy.occupation_index[taxonomy.occupation(goal_uri).uri]
    strengths = engine.strengths(portfolio)
    fit = engine.match_at(index, float(engine.coverage(strengths)[index]), strengths)
    return Gap(tuple(s.uri for s in fit.missing_essential_skills), "goal", goal_uri)


# --- the learning-and-career account ------------------------------------------------------


def account_of(user: User) -> Account:
    """The user's learning-and-career account, opened when they have none."""
    account = Account.objects.filter(holder=user).order_by("pk").first()
    return account or account_open(holder_id=user.pk, name=user.username)


@dataclass(frozen=True, slots=True)
class AccountView:
    account: Account
    entries: list[LedgerRow]
    statements: list[Statement]


def account_view(user: User) -> AccountView:
    """Balance, entries (newest first) and the monthly statements (newest first)."""
    account = account_of(user)
    entries = account_entries(account_id=account.pk)
    months = sorted({f"{e.at.year:04d}-{e.at.month:02d}" for e in entries}, reverse=True)
    return AccountView(
        account,
        list(LedgerRow.objects.filter(account=account).order_by("-sequence")),
        [account_statement(account_id=account.pk, month=m) for m in months],
    )


def employer_deposit(*, employer: User, citizen_id: int, amount_cents: int) -> LedgerRow:
    """An employer pays into the account of an employee who gave them access (consent).
    Raises :class:`~koers.web.portfolio.services.NoConsent` or the ledger's errors."""
    citizen = User.objects.filter(pk=citizen_id, role=Role.CITIZEN).first()
    if citizen is None or not portfolio_services.has_consent(citizen, employer):
        raise portfolio_services.NoConsent()
    account = account_of(citizen)
    return account_deposit(
        account_id=account.pk,
        amount_cents=amount_cents,
        funder=Funder.EMPLOYER,
        reference=f"employer {employer.username}"[:200],
        actor=employer.username,
    )


def employer_spending(employer: User) -> list[LedgerRow]:
    """What the employer paid into their employees' accounts, newest first."""
    return list(
        LedgerRow.objects.filter(actor=employer.username, funder=Funder.EMPLOYER.value)
        .select_related("account__holder")
        .order_by("-created_at")
    )


def _euro_words(cents: int, lang: str) -> str:
    amount = cents / 100
    text = f"{amount:,.0f}" if cents % 100 == 0 else f"{amount:,.2f}"
    if lang == "nl":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return "€" + text


# --- enrolment and completion ------------------------------------------------------------


def active_enrolments(citizen: User) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(citizen=citizen)
        .exclude(state=Enrolment.State.CANCELLED)
        .select_related("course")
    )


@transaction.atomic
def enrol(*, citizen: User, course_id: str, lang: str = "nl") -> Enrolment:
    """Enrol the citizen: the cost after their incentives is reserved on their account (in
    the same transaction, the account row locked). Raises :class:`UnknownCourse`,
    :class:`AlreadyEnrolled` or :class:`NotEnoughMoney` (nothing is written then)."""
    row = Course.objects.filter(course_id=course_id).first()
    if row is None:
        raise UnknownCourse(course_id=course_id[:100])
    account = account_of(citizen)
    Account.objects.select_for_update().get(pk=account.pk)  # one enrolment at a time
    open_ = Enrolment.objects.filter(citizen=citizen, course=row, state=Enrolment.State.ENROLLED)
    if open_.exists():
        raise AlreadyEnrolled(title=row.title)
    cost = cost_after_incentives(course_domain(row), incentives_for(citizen, lang=lang))
    cents = round(cost * 100)
    enrolment = Enrolment.objects.create(citizen=citizen, course=row, cost_cents=cents)
    enrolment.reference = f"enrolment {enrolment.pk} {row.course_id}"[:200]
    if cents > 0:
        try:
            account_reserve(
                account_id=account.pk,
                amount_cents=cents,
                reference=enrolment.reference,
                actor=citizen.username,
            )
        except InsufficientFunds:
            account.refresh_from_db()
            raise NotEnoughMoney(
                available=_euro_words(account.available_cents, lang),
                cost=_euro_words(cents, lang),
            ) from None
        enrolment.reserved_cents = cents
    enrolment.save(update_fields=["reference", "reserved_cents"])
    return enrolment


@transaction.atomic
def enrolment_cancel(*, citizen: User, enrolment_id: int) -> Enrolment:
    """Cancel an open enrolment; its reservation goes back to the account."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(pk=enrolment_id, citizen=citizen, state=Enrolment.State.ENROLLED)
        .first()
    )
    if enrolment is None:
        raise UnknownEnrolment(enrolment_id=enrolment_id)
    if enrolment.reserved_cents:
        account_release(
            account_id=account_of(citizen).pk,
            reservation=enrolment.reference,
            amount_cents=enrolment.reserved_cents,
            actor=citizen.username,
        )
    enrolment.state = Enrolment.State.CANCELLED
    enrolment.save(update_fields=["state"])
    return enrolment


def enrolments_cancel_all(citizen: User) -> int:
    """Cancel every open enrolment of the citizen (their reservations go back); return how
    many. Used when the person deletes their account."""
    open_ = Enrolment.objects.filter(citizen=citizen, state=Enrolment.State.ENROLLED)
    ids = list(open_.values_list("pk", flat=True))
    for enrolment_id in ids:
        enrolment_cancel(citizen=citizen, enrolment_id=enrolment_id)
    return len(ids)


def provider_enrolments(provider: User) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(course__owner=provider)
        .exclude(state=Enrolment.State.CANCELLED)
        .select_related("course", "citizen")
    )


@transaction.atomic
def enrolment_complete(*, provider: User, enrolment_id: int) -> list[Claim]:
    """The provider marks an enrolment completed: the reservation is paid to them and every
    skill the course teaches enters the citizen's portfolio as a claim confirmed by the
    provider (a weaker claim of the same skill is raised to confirmed). Returns the claims.

    Raises :class:`UnknownEnrolment` or :class:`NotYourCourse`.
    """
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("course", "citizen")
        .filter(pk=enrolment_id, state=Enrolment.State.ENROLLED)
        .first()
    )
    if enrolment is None:
        raise UnknownEnrolment(enrolment_id=enrolment_id)
    course = enrolment.course
    if provider.role != Role.ADMIN and course.owner_id != provider.pk:
        raise NotYourCourse(course_id=course.course_id)
    citizen = enrolment.citizen
    if enrolment.reserved_cents:
        account_spend(
            account_id=account_of(citizen).pk,
            amount_cents=enrolment.reserved_cents,
            reference=f"paid {course.course_id}"[:200],
            reservation=enrolment.reference,
            demand_driven=bool(set(course.skills) & tight_skills()),
            actor=provider.username,
        )
    today = date.today()
    enrolment.state = Enrolment.State.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["state", "completed_at"])
    evidence = f"{course.title} ({course.course_id}), completed {today.isoformat()}"[:2000]
    claims = []
    for uri in course.skills:
        kept = portfolio_services.claim_add(
            owner=citizen,
            claim=SkillClaim(
                uri,
                validation=ValidationLevel.CONFIRMED,
                last_used=today,
                source=ClaimSource.TRAINING_PROVIDER,
                evidence=evidence,
                issuer=course.provider[:500],
                identified_on=today,
            ),
            by=provider,
        )
        if kept.validation == ValidationLevel.SELF_DECLARED.value or kept.to_confirm:
            kept = portfolio_services.claim_change(
                owner=citizen,
                claim_id=kept.pk,
                by=provider,
                validation=ValidationLevel.CONFIRMED.value,
                source=ClaimSource.TRAINING_PROVIDER.value,
                issuer=course.provider[:500],
                evidence=evidence,
                last_used=today,
                to_confirm=False,
            )
        claims.append(kept)
    return claims


def open_gaps() -> list[list[str]]:
    """One gap per citizen: the skills their saved action plans say to learn (for demand
    signals to providers)."""
    from koers.web.portfolio.models import ActionItem

    per_person: dict[int, list[str]] = {}
    rows = ActionItem.objects.filter(
        done=False, action__in=("learn_skill", "refresh_skill")
    ).exclude(skill_uri="")
    for citizen_id, uri in rows.values_list("citizen_id", "skill_uri"):
        per_person.setdefault(citizen_id, []).append(uri)
    return list(per_person.values())
