"""The citizen's portfolio pages (add, change, remove, import, export, print, soft skills),
consent and the audit of who read it, and the coach's workspace. Thin: writes and reads go
through koers.web.portfolio.services, the advice through the domain."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from koers.checks.citizen import citizen_check
from koers.errors import KoersError
from koers.market.in_force import market_outlook
from koers.matching import get_engine
from koers.portfolio.io import portfolio_from_json, portfolio_to_json
from koers.portfolio.model import ClaimSource, SkillClaim, ValidationLevel
from koers.portfolio.softskills import STATEMENTS, claims_from_answers
from koers.taxonomy import get_extractor, get_searcher, get_taxonomy
from koers.taxonomy.model import OCCUPATION_PREFIX, SKILL_PREFIX
from koers.web.access import access_required, is_citizen, is_coach
from koers.web.accounts.models import User
from koers.web.errors import page_message
from koers.web.i18n import active_language
from koers.web.portfolio import services
from koers.web.portfolio.models import AccessLog, ActionItem, CoachNote, Consent, FollowUp, Profile

MAX_IMPORT_BYTES = 2_000_000


def _claims_view(owner: User) -> list[dict[str, Any]]:
    taxonomy = get_taxonomy()
    rows = []
    for claim in services.active_claims(owner):
        skill = taxonomy.find_skill(claim.skill_uri)
        if skill is not None:
            rows.append({"claim": claim, "skill": skill})
    return rows


def _search(kind: str, query: str) -> tuple[list[Any], str]:
    if not query:
        return [], ""
    try:
        return get_searcher().index(kind).search(query, lang=active_language(), limit=8), ""
    except KoersError as error:
        return [], page_message(error)


@access_required(is_citizen)
def portfolio(request: HttpRequest) -> HttpResponse:
    """My portfolio: what I can, where it comes from, and ways to add more."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        return _portfolio_post(request, user)
    taxonomy = get_taxonomy()
    profile = Profile.objects.filter(owner=user).first()
    skill_hits, skill_error = _search("skill", request.GET.get("sq", "").strip())
    occupation_hits, occupation_error = _search("occupation", request.GET.get("oq", "").strip())
    return render(
        request,
        "portfolio/portfolio.html",
        {
            "rows": _claims_view(user),
            "occupation": taxonomy.find_occupation(profile.occupation_uri) if profile else None,
            "aspirations": [
                o
                for o in (
                    taxonomy.find_occupation(u) for u in (profile.aspirations if profile else [])
                )
                if o
            ],
            "skill_query": request.GET.get("sq", ""),
            "skill_hits": skill_hits,
            "skill_error": skill_error,
            "occupation_query": request.GET.get("oq", ""),
            "occupation_hits": occupation_hits,
            "occupation_error": occupation_error,
            "validations": list(ValidationLevel),
            "sources": list(ClaimSource),
        },
    )


def _portfolio_post(request: HttpRequest, user: User) -> HttpResponse:
    taxonomy = get_taxonomy()
    action = request.POST.get("action", "")
    today = date.today()
    if action == "add_skill":
        skill = taxonomy.find_skill(SKILL_PREFIX + request.POST.get("skill", ""))
        if skill:
            services.claim_add(
                owner=user,
                claim=SkillClaim(skill.uri, last_used=today, identified_on=today),
                by=user,
            )
            messages.success(
                request, _("Added: %(skill)s") % {"skill": skill.label(active_language())}
            )
    elif action in ("set_occupation", "add_aspiration", "add_occupation_skills"):
        occupation = taxonomy.find_occupation(
            OCCUPATION_PREFIX + request.POST.get("occupation", "")
        )
        if occupation is None:
            raise Http404
        profile = Profile.objects.filter(owner=user).first()
        if action == "set_occupation":
            services.profile_set(owner=user, occupation_uri=occupation.uri)
        elif action == "add_aspiration":
            current = profile.occupation_uri if profile else None
            services.profile_set(
                owner=user,
                occupation_uri=current,
                aspirations=[*(profile.aspirations if profile else []), occupation.uri],
            )
        else:
            for skill in taxonomy.skills_of(occupation.uri).essential:
                services.claim_add(
                    owner=user,
                    claim=SkillClaim(
                        skill.uri, evidence=occupation.label("nl"), identified_on=today
                    ),
                    by=user,
                    to_confirm=True,
                )
            messages.success(request, _("Its essential skills are added, to confirm one by one."))
    elif action == "change":
        claim_id = int(request.POST.get("claim", "0") or 0)
        validation = request.POST.get("validation", "self_declared")
        source = request.POST.get("source", "self")
        last_used = request.POST.get("last_used") or None
        try:
            services.claim_change(
                owner=user,
                claim_id=claim_id,
                by=user,
                validation=ValidationLevel(validation).value,
                source=ClaimSource(source).value,
                last_used=date.fromisoformat(last_used) if last_used else None,
                issuer=request.POST.get("issuer", "")[:500],
                evidence=request.POST.get("evidence", "")[:2000],
                visibility="private" if request.POST.get("private") else "shared",
                to_confirm=False,
            )
        except (ValueError, services.Claim.DoesNotExist):
            messages.error(request, _("That change could not be saved."))
    elif action == "remove":
        try:
            services.claim_remove(
                owner=user, claim_id=int(request.POST.get("claim", "0") or 0), by=user
            )
        except (ValueError, services.Claim.DoesNotExist):
            raise Http404 from None
    return redirect("portfolio")


@access_required(is_citizen)
def from_text(request: HttpRequest) -> HttpResponse:
    """Skills from a CV text: suggested, then confirmed one by one by the person."""
    user: User = request.user  # type: ignore[assignment]
    context: dict[str, Any] = {"text": ""}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        taxonomy = get_taxonomy()
        today = date.today()
        added = 0
        for concept_id in request.POST.getlist("skill")[:50]:
            skill = taxonomy.find_skill(SKILL_PREFIX + concept_id)
            if skill:
                services.claim_add(
                    owner=user,
                    claim=SkillClaim(
                        skill.uri, last_used=today, identified_on=today, evidence="CV"
                    ),
                    by=user,
                )
                added += 1
        messages.success(request, _("%(n)s skills added to your portfolio.") % {"n": added})
        return redirect("portfolio")
    if request.method == "POST":
        text = request.POST.get("text", "")
        context["text"] = text
        try:
            context["found"] = get_extractor().extract(text, lang=active_language(), limit=15)
        except KoersError as error:
            context["error"] = page_message(error)
    return render(request, "portfolio/from_text.html", context)


@access_required(is_citizen)
def soft_skills(request: HttpRequest) -> HttpResponse:
    """A short self-assessment of soft skills, added as self-declared claims."""
    user: User = request.user  # type: ignore[assignment]
    lang = active_language()
    if request.method == "POST":
        answers = {
            s.key: int(request.POST[s.key])
            for s in STATEMENTS
            if request.POST.get(s.key, "").isdigit()
        }
        try:
            claims = claims_from_answers(answers, today=date.today())
        except KoersError as error:
            messages.error(request, page_message(error))
            return redirect("soft_skills")
        for claim in claims:
            services.claim_add(owner=user, claim=claim, by=user)
        messages.success(
            request, _("%(n)s soft skills added to your portfolio.") % {"n": len(claims)}
        )
        return redirect("portfolio")
    statements = [{"key": s.key, "text": s.text(lang)} for s in STATEMENTS]
    return render(request, "portfolio/soft_skills.html", {"statements": statements})


@access_required(is_citizen)
def export(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    body = portfolio_to_json(services.access_portfolio(citizen=user, viewer=user))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="koers-portfolio.json"'
    return response


@access_required(is_citizen)
def import_file(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    upload = request.FILES.get("file")
    if request.method != "POST" or upload is None:
        return redirect("portfolio")
    if upload.size and upload.size > MAX_IMPORT_BYTES:
        messages.error(request, _("The file is too large (at most 2 MB)."))
        return redirect("portfolio")
    taxonomy = get_taxonomy()
    try:
        text = upload.read().decode("utf-8")
        imported = portfolio_from_json(
            text, known_skills=taxonomy.skill_index, known_occupations=taxonomy.occupation_index
        )
    except UnicodeDecodeError:
        messages.error(request, _("The file is not UTF-8 text."))
        return redirect("portfolio")
    except KoersError as error:
        messages.error(request, page_message(error))
        return redirect("portfolio")
    added = services.portfolio_import(owner=user, portfolio=imported, by=user)
    messages.success(request, _("%(n)s skills imported.") % {"n": added})
    return redirect("portfolio")


@access_required(is_citizen)
def printable(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request, "portfolio/print.html", {"rows": _claims_view(user), "today": date.today()}
    )


@access_required(is_citizen)
def sharing(request: HttpRequest) -> HttpResponse:
    """Who may read my portfolio, and who did."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        if request.POST.get("action") == "grant":
            try:
                services.consent_grant(
                    citizen=user, grantee_username=request.POST.get("username", "")
                )
                messages.success(request, _("Access granted."))
            except KoersError as error:
                messages.error(request, page_message(error))
        elif request.POST.get("action") == "revoke":
            services.consent_revoke(
                citizen=user, consent_id=int(request.POST.get("consent", "0") or 0)
            )
            messages.success(request, _("Access revoked."))
        return redirect("sharing")
    return render(
        request,
        "portfolio/sharing.html",
        {
            "consents": Consent.objects.filter(citizen=user).select_related("grantee"),
            "reads": AccessLog.objects.filter(citizen=user).select_related("viewer")[:100],
        },
    )


@access_required(is_coach)
def caseload(request: HttpRequest) -> HttpResponse:
    """The citizens who gave me access."""
    coach: User = request.user  # type: ignore[assignment]
    people = services.caseload(coach)
    open_tasks = {
        f.citizen_id: f for f in FollowUp.objects.filter(coach=coach, done=False).order_by("due_on")
    }
    return render(
        request,
        "portfolio/caseload.html",
        {"people": [{"person": p, "next": open_tasks.get(p.pk)} for p in people]},
    )


@access_required(is_coach)
def citizen_file(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """One citizen's portfolio, check, action plan, notes and follow-up, with consent; every
    read is logged for the citizen to see."""
    coach: User = request.user  # type: ignore[assignment]
    citizen = get_object_or_404(User, pk=citizen_id)
    try:
        chosen = services.access_portfolio(
            citizen=citizen, viewer=coach, what="portfolio and check"
        )
    except services.NoConsent:
        return render(
            request, "403.html", {"reason": _("This citizen has not given you access.")}, status=403
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "note" and request.POST.get("text", "").strip():
            CoachNote.objects.create(citizen=citizen, coach=coach, text=request.POST["text"][:4000])
        elif action == "follow_up" and request.POST.get("due_on"):
            try:
                FollowUp.objects.create(
                    citizen=citizen,
                    coach=coach,
                    text=request.POST.get("text", "")[:500] or _("Follow-up after training"),
                    due_on=date.fromisoformat(request.POST["due_on"]),
                )
            except ValueError:
                messages.error(request, _("Choose a date."))
        elif action == "step":
            ActionItem.objects.create(
                citizen=citizen,
                action="coach_step",
                text=request.POST.get("text", "")[:500],
                shared=True,
                created_by=coach,
            )
        elif action == "toggle":
            item = ActionItem.objects.filter(
                pk=request.POST.get("item"), citizen=citizen, shared=True
            ).first()
            if item:
                item.done = not item.done
                item.save(update_fields=["done", "updated_at"])
        elif action == "done_follow_up":
            FollowUp.objects.filter(pk=request.POST.get("follow_up"), citizen=citizen).update(
                done=True
            )
        return redirect("citizen_file", citizen_id=citizen.pk)
    check = citizen_check(
        chosen, engine=get_engine(), outlook=market_outlook(), lang=active_language()
    )
    taxonomy = get_taxonomy()
    return render(
        request,
        "portfolio/citizen_file.html",
        {
            "citizen": citizen,
            "claims": [
                taxonomy.skill(c.skill_uri)
                for c in chosen.claims
                if c.skill_uri in taxonomy.skill_index
            ],
            "check": check,
            "items": ActionItem.objects.filter(citizen=citizen, shared=True),
            "notes": CoachNote.objects.filter(citizen=citizen),
            "follow_ups": FollowUp.objects.filter(citizen=citizen),
        },
    )
