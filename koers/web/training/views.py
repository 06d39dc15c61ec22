"""Training pages: courses for my gap with a learning path and enrolment, my rights and my
learning account, the employer's incentives and spending, the provider's courses, enrolments
and demand signals, and the catalogue import. Thin: ranking, paths and rules are the domain's,
reads and writes go through koers.web.training.services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.errors import KoersError
from koers.market.formats import ImportValidationError
from koers.rights.model import REGIONS as RIGHTS_REGIONS
from koers.rights.model import EducationLevel, Status
from koers.taxonomy import get_extractor, get_taxonomy
from koers.taxonomy.model import OCCUPATION_PREFIX
from koers.training.model import LANGUAGES, REGION_NAMES, REGIONS, Level, Mode
from koers.training.path import learning_path
from koers.training.recommend import MODE_WORDS, Preferences, recommend
from koers.training.signals import demand_signals
from koers.training.tagging import suggest_skills
from koers.web.access import (
    access_required,
    can_import_training,
    is_citizen,
    is_employer,
    is_provider,
)
from koers.web.accounts.models import User
from koers.web.errors import page_message
from koers.web.i18n import active_language
from koers.web.portfolio import services as portfolio_services
from koers.web.templatetags.money import euro_text
from koers.web.training import services
from koers.web.training.models import Course, Enrolment, RightsProfile

MAX_UPLOAD_BYTES = 5_000_000
LIMIT = 10


def _labels(uris: Any, lang: str) -> dict[str, str]:
    taxonomy = get_taxonomy()
    labels = {}
    for uri in uris:
        skill = taxonomy.find_skill(uri)
        labels[uri] = skill.label(lang) if skill else uri.rsplit("/", 1)[-1]
    return labels


def _euro(cents: int) -> float:
    return cents / 100


# --- citizen: courses for me ---------------------------------------------------------------


@access_required(is_citizen)
def training(request: HttpRequest) -> HttpResponse:
    """Courses for what I miss (from my check, or for a career step), best first with why,
    the cost after what I am entitled to, and a learning path that covers it all."""
    user: User = request.user  # type: ignore[assignment]
    lang = active_language()
    portfolio = portfolio_services.access_portfolio(citizen=user, viewer=user)
    goal_id = request.GET.get("goal", "").strip()
    goal = get_taxonomy().find_occupation(OCCUPATION_PREFIX + goal_id) if goal_id else None
    if goal is not None:
        gap = services.gap_for_goal(portfolio, goal.uri)
    else:
        gap = services.gap_from_check(portfolio, lang=lang)
    modes = tuple(Mode(m) for m in request.GET.getlist("mode") if m in tuple(Mode))
    region = request.GET.get("region", "")
    region = region if region in REGIONS else ""
    index = services.catalogue_index()
    incentives = services.incentives_for(user, lang=lang)
    enrolments = services.active_enrolments(user)
    taken = {e.course.course_id for e in enrolments}
    labels = _labels(gap.skill_uris, lang)
    context: dict[str, Any] = {
        "goal": goal,
        "gap": gap,
        "gap_labels": [labels[u] for u in gap.skill_uris],
        "modes": [(m.value, MODE_WORDS["nl" if lang == "nl" else "en"][m]) for m in Mode],
        "chosen_modes": [m.value for m in modes],
        "regions": [(r, REGION_NAMES["nl" if lang == "nl" else "en"][r]) for r in REGIONS],
        "region": region,
        "has_profile": RightsProfile.objects.filter(owner=user).exists(),
        "incentives": incentives,
        "enrolments": enrolments,
        "available": _euro(services.account_of(user).available_cents),
        "empty": not portfolio.claims and goal is None,
    }
    if gap.skill_uris:
        recommendations = recommend(
            index,
            gap.skill_uris,
            incentives=incentives,
            preferences=Preferences(modes=modes, region=region),
            taken=taken,
            limit=LIMIT,
            lang=lang,
            labels=labels,
        )
        path = learning_path(index, gap.skill_uris, incentives=incentives, taken=taken)
        by_id = index.catalogue.by_id
        context["recommendations"] = [
            {
                "r": r,
                "course": by_id[r.course_id],
                "mode_word": _mode_word(r.mode, lang),
                "region_name": REGION_NAMES["nl" if lang == "nl" else "en"].get(r.region, ""),
            }
            for r in recommendations
        ]
        context["path"] = path
        context["path_courses"] = [by_id[c] for c in path.course_ids]
        context["uncovered"] = [labels[u] for u in path.uncovered]
        context["synthetic"] = any(
            by_id[c].synthetic for c in [*path.course_ids, *(r.course_id for r in recommendations)]
        )
    return render(request, "training/for_me.html", context)


def _mode_word(mode: str, lang: str) -> str:
    return MODE_WORDS["nl" if lang == "nl" else "en"][Mode(mode)]


@access_required(is_citizen)
def enrol(request: HttpRequest) -> HttpResponse:
    """Enrol in a course: its cost after incentives is reserved on my learning account."""
    if request.method != "POST":
        return redirect("training")
    user: User = request.user  # type: ignore[assignment]
    try:
        enrolment = services.enrol(
            citizen=user, course_id=request.POST.get("course", ""), lang=active_language()
        )
    except KoersError as error:
        messages.error(request, page_message(error))
        return redirect(request.POST.get("next") or "training")
    messages.success(
        request,
        _("You are enrolled in “%(title)s”. We reserved %(amount)s on your learning account.")
        % {
            "title": enrolment.course.title,
            "amount": euro_text(enrolment.reserved_cents, active_language()),
        },
    )
    return redirect("learning_account")


@access_required(is_citizen)
def cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """Cancel an enrolment: the money reserved for it comes back."""
    if request.method == "POST":
        user: User = request.user  # type: ignore[assignment]
        try:
            services.enrolment_cancel(citizen=user, enrolment_id=enrolment_id)
            messages.success(request, _("Your enrolment is cancelled; the money is back."))
        except KoersError as error:
            messages.error(request, page_message(error))
    return redirect("learning_account")


@access_required(is_citizen)
def learning_account(request: HttpRequest) -> HttpResponse:
    """My rights, my learning-account balance and its history per month, in one place."""
    user: User = request.user  # type: ignore[assignment]
    lang = active_language()
    profile = services.rights_profile(user)
    decisions = services.decisions(profile, lang=lang) if profile else []
    view = services.account_view(user)
    return render(
        request,
        "training/account.html",
        {
            "profile": profile,
            "eligible": [d for d in decisions if d.eligible],
            "view": view,
            "available": _euro(view.account.available_cents),
            "reserved": _euro(view.account.reserved_cents),
            "enrolments": services.active_enrolments(user),
        },
    )


# --- rights ------------------------------------------------------------------------------


def _profile_form_data(post: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "status": post.get("status", ""),
        "region": post.get("region", ""),
    }
    for key in ("age", "employer_size"):
        value = post.get(key, "").strip()
        if value:
            data[key] = int(value) if value.isdigit() else value
    for key in ("education_level", "sector"):
        value = post.get(key, "").strip()
        if value:
            data[key] = value.upper() if key == "sector" else value
    return data


def _rights_choices(lang: str) -> dict[str, Any]:
    nl = lang == "nl"
    return {
        "statuses": [
            (Status.EMPLOYEE.value, _("employee")),
            (Status.JOB_SEEKER.value, _("looking for work")),
            (Status.SELF_EMPLOYED.value, _("self-employed")),
            (Status.INACTIVE.value, _("not working, not looking")),
        ],
        "rights_regions": [
            ("flanders", "Vlaanderen" if nl else "Flanders"),
            ("brussels", "Brussel" if nl else "Brussels"),
            ("wallonia", "Wallonië" if nl else "Wallonia"),
        ],
        "education_levels": [
            (EducationLevel.LOW.value, _("at most lower secondary school")),
            (EducationLevel.MEDIUM.value, _("secondary school")),
            (EducationLevel.HIGH.value, _("college or university")),
        ],
    }


def rights(request: HttpRequest) -> HttpResponse:
    """Which incentives I am entitled to: a short profile, then each rule with its amount,
    its legal source and whether the figures are still to verify. Open to everyone; a
    logged-in citizen or employer keeps the profile."""
    lang = active_language()
    user = request.user
    context: dict[str, Any] = _rights_choices(lang)
    assert set(RIGHTS_REGIONS) == {r for r, _ in context["rights_regions"]}
    form: dict[str, Any] = {}
    profile = None
    if request.method == "POST":
        form = _profile_form_data(request.POST)
        try:
            if is_citizen(user) or is_employer(user):
                profile = services.rights_profile_save(owner=user, data=form)  # type: ignore[arg-type]
            else:
                from koers.rights.profile import profile_from_dict

                profile = profile_from_dict(form)
        except KoersError as error:
            context["error"] = page_message(error)
    else:
        saved = (
            RightsProfile.objects.filter(owner_id=user.pk).first()
            if user.is_authenticated
            else None
        )
        if saved is not None:
            form = services.profile_data(saved)
            profile = services.rights_profile(user)
    context["form"] = form
    if profile is not None:
        decisions = services.decisions(profile, lang=lang)
        context["eligible"] = [d for d in decisions if d.eligible]
        context["not_eligible"] = [d for d in decisions if not d.eligible]
        context["decided"] = True
    status = 400 if "error" in context else 200
    return render(request, "training/rights.html", context, status=status)


# --- employer ----------------------------------------------------------------------------


@access_required(is_employer)
def employer(request: HttpRequest) -> HttpResponse:
    """The organisation's incentives (from its size, sector and region) and what it paid
    into the learning accounts of employees who gave access."""
    user: User = request.user  # type: ignore[assignment]
    lang = active_language()
    if request.method == "POST":
        try:
            amount = request.POST.get("amount", "").replace(",", ".").strip()
            cents = round(float(amount) * 100) if amount else 0
            services.employer_deposit(
                employer=user,
                citizen_id=int(request.POST.get("citizen", "0") or 0),
                amount_cents=cents,
            )
            messages.success(request, _("Paid into the learning account."))
        except KoersError as error:
            messages.error(request, page_message(error))
        except ValueError:
            messages.error(request, _("Give an amount in euro, e.g. 250 or 99.50."))
        return redirect("employer_training")
    saved = RightsProfile.objects.filter(owner=user).first()
    decisions = []
    if saved is not None:
        decisions = services.decisions(services.rights_profile(user), lang=lang)  # type: ignore[arg-type]
    spending = services.employer_spending(user)
    return render(
        request,
        "training/employer.html",
        {
            "saved": saved,
            "eligible": [d for d in decisions if d.eligible],
            "employees": portfolio_services.caseload(user),
            "spending": spending,
            "spent": _euro(sum(e.amount_cents for e in spending)),
        },
    )


# --- provider ----------------------------------------------------------------------------


@access_required(is_provider)
def provider(request: HttpRequest) -> HttpResponse:
    """My courses, who is enrolled (mark completed), and what people miss that no course
    teaches (demand signals)."""
    user: User = request.user  # type: ignore[assignment]
    lang = active_language()
    if request.method == "POST":
        try:
            claims = services.enrolment_complete(
                provider=user, enrolment_id=int(request.POST.get("enrolment", "0") or 0)
            )
            messages.success(
                request,
                _("Marked completed: %(count)s skills added to the learner's portfolio.")
                % {"count": len(claims)},
            )
        except KoersError as error:
            messages.error(request, page_message(error))
        return redirect("provider_training")
    index = services.catalogue_index()
    gaps = services.open_gaps()
    signals = demand_signals(
        gaps, index, min_people=2, max_courses=0, labels=_labels({u for g in gaps for u in g}, lang)
    )
    enrolments = services.provider_enrolments(user)
    return render(
        request,
        "training/provider.html",
        {
            "courses": Course.objects.filter(owner=user),
            "open": [e for e in enrolments if e.state == Enrolment.State.ENROLLED],
            "done": [e for e in enrolments if e.state == Enrolment.State.COMPLETED],
            "signals": signals,
            "people": len(gaps),
        },
    )


FORM_FIELDS = (
    "course_id",
    "title",
    "description",
    "level",
    "duration_hours",
    "cost_eur",
    "mode",
    "region",
    "language",
    "start_dates",
)


@access_required(is_provider)
def provider_course(request: HttpRequest) -> HttpResponse:
    """Publish a course or change one of mine; the skills it teaches are suggested from its
    description and I confirm each."""
    user: User = request.user  # type: ignore[assignment]
    lang = active_language()
    editing = request.GET.get("course", "")
    form: dict[str, Any] = {"level": "basic", "mode": "classroom", "language": "nl"}
    skills: list[str] = []
    recognised: list[str] = []
    context: dict[str, Any] = {}
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip() for k in FORM_FIELDS}
        skills = request.POST.getlist("skill")
        recognised = request.POST.getlist("recognised_for")
        if request.POST.get("action") == "suggest":
            try:
                hits = suggest_skills(form["description"], extractor=get_extractor(), lang=lang)
                context["suggestions"] = [h for h in hits if h.skill_uri not in skills]
                if not context["suggestions"]:
                    context["error"] = _(
                        "No skills found in the description: say more about what people learn."
                    )
            except KoersError as error:
                context["error"] = page_message(error)
        else:
            data = {
                **form,
                "provider": user.get_full_name() or user.username,
                "skills": skills,
                "recognised_for": recognised,
                "synthetic": 0,
            }
            try:
                services.course_save(owner=user, data=data, known_skills=get_taxonomy().skill_index)
            except ImportValidationError as error:
                context["problems"] = error.errors[:50]
            except KoersError as error:
                context["error"] = page_message(error)
            else:
                messages.success(request, _("Your course is published."))
                return redirect("provider_training")
    elif editing:
        row = Course.objects.filter(course_id=editing, owner=user).first()
        if row is not None:
            form = {k: getattr(row, k) for k in FORM_FIELDS}
            form["start_dates"] = ";".join(row.start_dates)
            skills, recognised = list(row.skills), list(row.recognised_for)
            context["editing"] = True
    labels = _labels(skills, lang)
    context.update(
        {
            "form": form,
            "chosen": [(u, labels[u]) for u in skills],
            "recognised": recognised,
            "levels": [lv.value for lv in Level],
            "modes": [(m.value, MODE_WORDS["nl" if lang == "nl" else "en"][m]) for m in Mode],
            "regions": [(r, REGION_NAMES["nl" if lang == "nl" else "en"][r]) for r in REGIONS],
            "languages": LANGUAGES,
            "incentives": _incentive_names(lang),
        }
    )
    status = 400 if "problems" in context or "error" in context else 200
    if request.POST.get("action") == "suggest" and "error" not in context:
        status = 200
    return render(request, "training/course_form.html", context, status=status)


def _incentive_names(lang: str) -> list[tuple[str, str]]:
    from koers.rights.rules import current_rules

    names: dict[str, str] = {}
    for rule in current_rules():
        names[rule.rule_id] = rule.title(lang)
    from koers.training.model import INCENTIVES

    return [(i, names.get(i, i)) for i in INCENTIVES]


@access_required(can_import_training)
def import_catalogue(request: HttpRequest) -> HttpResponse:
    """Import a catalogue file (CSV or JSON), all or nothing."""
    from koers.training.formats import COURSE_FORMAT

    context: dict[str, Any] = {"format": COURSE_FORMAT}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or (upload.size or 0) > MAX_UPLOAD_BYTES:
            context["error"] = _("Choose a catalogue file: CSV or JSON, at most 5 MB.")
            status = 400
        else:
            try:
                count = services.catalogue_import(
                    by=request.user,  # type: ignore[arg-type]
                    name=upload.name or "catalogue",
                    content=upload.read(),
                    known_skills=get_taxonomy().skill_index,
                )
            except ImportValidationError as error:
                context["problems"] = error.errors[:50]
                context["problem_count"] = len(error.errors)
                status = 400
            except KoersError as error:
                context["error"] = page_message(error)
                status = error.status
            else:
                messages.success(request, _("Imported %(count)s courses.") % {"count": count})
                return redirect("training_import")
    return render(request, "training/import.html", context, status=status)
