"""Training pages through HTTP: courses for a citizen's gap with a learning path, enrolment
paid from the learning account (never overdrawn), completion by the provider into the
portfolio, rights for a profile, the employer's and provider's dashboards, the import."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.web.accounts.models import User
from koers.web.learning.models import Account, Entry
from koers.web.portfolio.models import Claim, ClaimEvent, Consent
from koers.web.training.models import Course, Enrolment

pytestmark = [pytest.mark.db, pytest.mark.django_db]
PASSWORD = "pw-123456789"
SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
NURSE_ASSISTANT_ID = "87d0795a-d41f-47ee-979f-0ab7d73836e7"
WOUND_CARE = SKILL + "1c6736c2-77de-419c-9b84-8932e15abc21"
PROFILE = {"status": "employee", "region": "flanders", "age": 40, "education_level": "medium"}


@pytest.fixture
def people():
    return {
        role: User.objects.create_user(f"{role}1", password=PASSWORD, role=role)
        for role in ("citizen", "coach", "employer", "provider", "analyst", "admin")
    }


def _with_gap(client, citizen):
    client.force_login(citizen)
    client.post(
        reverse("portfolio"), {"action": "set_occupation", "occupation": NURSE_ASSISTANT_ID}
    )


def _course(provider, *, cost=100.0, skills=(WOUND_CARE,), course_id="P-1", **more):
    return Course.objects.create(
        course_id=course_id,
        owner=provider,
        provider="Zorgacademie",
        title="Wondzorg in de praktijk",
        skills=list(skills),
        level="basic",
        duration_hours=8,
        cost_eur=cost,
        mode="classroom",
        region="antwerpen",
        **more,
    )


def test_citizen_with_a_gap_sees_courses_best_first_and_a_learning_path(client, people):
    _with_gap(client, people["citizen"])
    response = client.get(reverse("training"))
    assert response.status_code == 200
    context = response.context
    assert len(context["gap"].skill_uris) > 5
    recommendations = [item["r"] for item in context["recommendations"]]
    assert recommendations
    covered = [len(r.covers) for r in recommendations]
    assert covered == sorted(covered, reverse=True)
    assert all(r.why.startswith("Leert ") for r in recommendations)
    path = context["path"]
    assert path.course_ids and set(path.covered) | set(path.uncovered) == set(
        context["gap"].skill_uris
    )
    html = response.content.decode()
    assert context["synthetic"] and 'class="provenance synthetic"' in html
    assert 'class="learning-path"' in html
    filtered = client.get(reverse("training"), {"mode": "online", "region": "limburg"})
    top = filtered.context["recommendations"][0]["r"]
    assert top.mode == "online" or top.region in ("limburg", "")


def test_a_career_step_gives_the_gap(client, people):
    client.force_login(people["citizen"])
    response = client.get(reverse("training"), {"goal": NURSE_ASSISTANT_ID})
    assert response.context["gap"].source == "goal"
    assert response.context["goal"].uri == OCCUPATION + NURSE_ASSISTANT_ID
    assert response.context["recommendations"]


def test_rights_for_a_profile_with_sources_and_to_verify(client, people):
    response = client.post(reverse("rights"), PROFILE)
    assert response.status_code == 200
    eligible = {d.rule_id for d in response.context["eligible"]}
    assert {"opleidingscheques", "leer_en_loopbaanrekening"} <= eligible
    html = response.content.decode()
    assert "https://www.vdab.be/opleidingscheques" in html
    assert html.count('class="badge to-verify"') >= len(eligible)
    bad = client.post(reverse("rights"), {"status": "astronaut", "region": "flanders"})
    assert bad.status_code == 400 and "Profiel, veld" in bad.content.decode()


def test_saving_rights_deposits_once_and_incentives_lower_the_price(client, people):
    citizen, provider = people["citizen"], people["provider"]
    _course(provider, cost=100.0, recognised_for=["opleidingscheques"])
    client.force_login(citizen)
    client.post(reverse("rights"), PROFILE)
    client.post(reverse("rights"), PROFILE)
    account = Account.objects.get(holder=citizen)
    assert account.available_cents == 50_000  # one yearly deposit, not two
    answer = client.get("/api/training/recommend", {"gap": WOUND_CARE, "limit": 200}).json()
    (mine,) = [c for c in answer if c["course_id"] == "P-1"]
    assert (mine["cost"], mine["cost_after_incentives"]) == (100.0, 50.0)
    assert mine["incentive"] == "opleidingscheques" and not mine["synthetic"]
    client.logout()
    answer = client.get("/api/training/recommend", {"gap": WOUND_CARE, "limit": 200}).json()
    (mine,) = [c for c in answer if c["course_id"] == "P-1"]
    assert mine["cost_after_incentives"] == 100.0


def test_enrol_reserves_money_and_never_overdraws(client, people):
    citizen, provider = people["citizen"], people["provider"]
    cheap = _course(provider, cost=120.0)
    _course(provider, cost=900.0, course_id="P-2")
    client.force_login(citizen)
    client.post(reverse("rights"), PROFILE)  # €500 on the account
    client.post(reverse("training_enrol"), {"course": "P-1"})
    account = Account.objects.get(holder=citizen)
    assert (account.available_cents, account.reserved_cents) == (38_000, 12_000)
    response = client.post(reverse("training_enrol"), {"course": "P-2"}, follow=True)
    assert "Op je leerrekening staat €380 vrij, minder dan de €900" in response.content.decode()
    account.refresh_from_db()
    assert (account.available_cents, account.reserved_cents) == (38_000, 12_000)
    assert list(Enrolment.objects.filter(citizen=citizen).values_list("course", flat=True)) == [
        cheap.pk
    ]
    again = client.post(reverse("training_enrol"), {"course": "P-1"}, follow=True)
    assert "al ingeschreven" in again.content.decode()
    enrolment = Enrolment.objects.get(citizen=citizen)
    client.post(reverse("training_cancel", args=[enrolment.pk]))
    account.refresh_from_db()
    assert (account.available_cents, account.reserved_cents) == (50_000, 0)
    page = client.get(reverse("learning_account"))
    assert page.status_code == 200 and len(page.context["view"].statements) == 1
    assert "€500" in page.content.decode()


def test_completion_adds_confirmed_claims_from_the_provider(client, people):
    citizen, provider = people["citizen"], people["provider"]
    _course(provider, cost=120.0)
    client.force_login(citizen)
    client.post(reverse("rights"), PROFILE)
    client.post(
        reverse("portfolio"), {"action": "add_skill", "skill": WOUND_CARE.rsplit("/", 1)[1]}
    )
    client.post(reverse("training_enrol"), {"course": "P-1"})
    enrolment = Enrolment.objects.get(citizen=citizen)

    other = User.objects.create_user("provider2", password=PASSWORD, role="provider")
    client.force_login(other)
    response = client.post(reverse("provider_training"), {"enrolment": enrolment.pk}, follow=True)
    assert "Alleen de aanbieder" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.state == "enrolled"

    client.force_login(provider)
    assert client.get(reverse("provider_training")).context["open"] == [enrolment]
    client.post(reverse("provider_training"), {"enrolment": enrolment.pk})
    enrolment.refresh_from_db()
    assert enrolment.state == "completed"
    claim = Claim.objects.get(owner=citizen, skill_uri=WOUND_CARE, removed_at__isnull=True)
    assert (claim.source, claim.validation, claim.issuer) == (
        "training_provider",
        "confirmed",
        "Zorgacademie",
    )
    assert [e.action for e in ClaimEvent.objects.filter(claim=claim)] == ["added", "changed"]
    account = Account.objects.get(holder=citizen)
    assert (account.available_cents, account.reserved_cents) == (38_000, 0)
    assert Entry.objects.filter(account=account, kind="spend").get().amount_cents == 12_000


def test_provider_publishes_a_course_with_confirmed_suggestions(client, people):
    provider = people["provider"]
    client.force_login(provider)
    form = {
        "course_id": "ZA-7",
        "title": "Wondzorg",
        "description": "Je leert wonden verzorgen en verbanden aanleggen.",
        "level": "basic",
        "duration_hours": "16",
        "cost_eur": "240",
        "mode": "blended",
        "region": "",
        "language": "nl",
        "start_dates": "2027-02-01",
    }
    response = client.post(reverse("provider_course"), {**form, "action": "suggest"})
    suggestions = response.context["suggestions"]
    assert suggestions and not Course.objects.filter(course_id="ZA-7").exists()
    assert 'class="suggested"' in response.content.decode()
    assert "checked" not in response.content.decode().split('class="suggested"')[0][-60:]
    nothing = client.post(reverse("provider_course"), {**form, "action": "save"})
    assert nothing.status_code == 400 and not Course.objects.filter(course_id="ZA-7").exists()
    chosen = suggestions[0].skill_uri
    client.post(
        reverse("provider_course"),
        {**form, "action": "save", "skill": [chosen], "recognised_for": ["opleidingscheques"]},
    )
    course = Course.objects.get(course_id="ZA-7")
    assert course.owner == provider and course.skills == [chosen] and not course.synthetic
    page = client.get(reverse("provider_course"), {"course": "ZA-7"})
    assert page.context["form"]["title"] == "Wondzorg"
    client.force_login(User.objects.create_user("provider2", password=PASSWORD, role="provider"))
    taken = client.post(reverse("provider_course"), {**form, "action": "save", "skill": [chosen]})
    assert taken.status_code == 400 and Course.objects.get(course_id="ZA-7").owner == provider


def test_catalogue_import_is_all_or_nothing(client, people):
    client.force_login(people["provider"])
    good = {
        "format": "koers-training/1",
        "courses": [
            {
                "course_id": "IMP-1",
                "provider": "Zorgacademie",
                "title": "Wondzorg",
                "skills": [WOUND_CARE],
                "level": "basic",
                "duration_hours": 8,
                "cost_eur": 100,
                "mode": "online",
                "language": "nl",
            }
        ],
    }
    bad = json.loads(json.dumps(good))
    bad["courses"].append({**good["courses"][0], "course_id": "IMP-2", "mode": "by pigeon"})
    response = client.post(
        reverse("training_import"),
        {"file": SimpleUploadedFile("c.json", json.dumps(bad).encode())},
    )
    assert response.status_code == 400 and "mode" in response.content.decode()
    assert not Course.objects.filter(course_id__startswith="IMP-").exists()
    client.post(
        reverse("training_import"),
        {"file": SimpleUploadedFile("c.json", json.dumps(good).encode())},
    )
    assert Course.objects.get(course_id="IMP-1").owner == people["provider"]
    csv_text = (
        "course_id,provider,title,description,skills,level,duration_hours,cost_eur,mode,region,"
        f"language,start_dates,recognised_for,synthetic\nIMP-3,Z,T,,{WOUND_CARE},basic,4,0,"
        "classroom,limburg,nl,2027-01-05,,0\n"
    )
    client.post(
        reverse("training_import"), {"file": SimpleUploadedFile("c.csv", csv_text.encode())}
    )
    assert Course.objects.get(course_id="IMP-3").region == "limburg"


def test_employer_pays_in_only_with_consent_and_sees_spending(client, people):
    citizen, employer = people["citizen"], people["employer"]
    client.force_login(employer)
    client.post(
        reverse("rights"), {"status": "employee", "region": "flanders", "employer_size": 30}
    )
    refused = client.post(
        reverse("employer_training"), {"citizen": citizen.pk, "amount": "250"}, follow=True
    )
    assert "geen toegang" in refused.content.decode()
    assert not Account.objects.filter(holder=citizen, available_cents__gt=0).exists()
    Consent.objects.create(citizen=citizen, grantee=employer)
    client.post(reverse("employer_training"), {"citizen": citizen.pk, "amount": "250,50"})
    assert Account.objects.get(holder=citizen).available_cents == 25_050
    page = client.get(reverse("employer_training"))
    assert page.context["spent"] == 250.5
    assert "kmo_portefeuille" in {d.rule_id for d in page.context["eligible"]}


def test_provider_sees_demand_signals(client, people):
    from koers.web.portfolio.models import ActionItem

    rare = SKILL + "no-course-teaches-this"
    for n in range(3):
        person = User.objects.create_user(f"c{n}", password=PASSWORD, role="citizen")
        ActionItem.objects.create(citizen=person, action="learn_skill", text="x", skill_uri=rare)
    client.force_login(people["provider"])
    signals = client.get(reverse("provider_training")).context["signals"]
    assert [(s.skill_uri, s.people, s.courses) for s in signals] == [(rare, 3, 0)]


def test_my_data_holds_my_training_and_deleting_keeps_the_ledger(client, people):
    citizen, provider = people["citizen"], people["provider"]
    _course(provider, cost=120.0)
    client.force_login(citizen)
    client.post(reverse("rights"), PROFILE)
    client.post(reverse("training_enrol"), {"course": "P-1"})
    data = json.loads(client.get(reverse("my_data_download")).content)["training"]
    assert data["rights_profile"]["status"] == "employee"
    assert [(e["course_id"], e["state"], e["cost_cents"]) for e in data["enrolments"]] == [
        ("P-1", "enrolled", 12_000)
    ]
    client.post(reverse("my_data"), {"confirm": "1", "password": PASSWORD})
    assert not User.objects.filter(pk=citizen.pk).exists()
    assert not Enrolment.objects.exists()
    account = Account.objects.get()
    assert account.holder is None  # the ledger stays, the reservation given back
    assert (account.available_cents, account.reserved_cents) == (50_000, 0)
    client.force_login(provider)
    assert json.loads(client.get(reverse("my_data_download")).content)["training"][
        "courses_published"
    ] == ["P-1"]
