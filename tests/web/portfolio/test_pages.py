"""The citizen's portfolio, consent and audit, the coach's workspace and the checks, through
HTTP: who may read what, and that every read by someone else is logged."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.web.accounts.models import User
from koers.web.portfolio.models import AccessLog, ActionItem, Claim, ClaimEvent, Consent

pytestmark = [pytest.mark.db, pytest.mark.django_db]
WOUND_CARE_ID = "1c6736c2-77de-419c-9b84-8932e15abc21"
NURSE_ASSISTANT_ID = "87d0795a-d41f-47ee-979f-0ab7d73836e7"


@pytest.fixture
def people():
    return {
        role: User.objects.create_user(f"{role}1", password="pw-123456789", role=role)
        for role in ("citizen", "coach", "employer", "analyst")
    }


def test_portfolio_keeps_history_and_nothing_is_destroyed(client, people):
    citizen = people["citizen"]
    client.force_login(citizen)
    client.post(reverse("portfolio"), {"action": "add_skill", "skill": WOUND_CARE_ID})
    claim = Claim.objects.get(owner=citizen)
    client.post(
        reverse("portfolio"),
        {
            "action": "change",
            "claim": claim.pk,
            "validation": "confirmed",
            "source": "employer",
            "issuer": "AZ Groeninge",
        },
    )
    client.post(reverse("portfolio"), {"action": "remove", "claim": claim.pk})
    claim.refresh_from_db()
    assert claim.removed_at is not None
    assert [e.action for e in ClaimEvent.objects.filter(claim=claim)] == [
        "added",
        "changed",
        "removed",
    ]
    assert (
        ClaimEvent.objects.filter(claim=claim, action="changed").get().snapshot["issuer"]
        == "AZ Groeninge"
    )
    assert client.get(reverse("portfolio")).context["rows"] == []


def test_occupation_skills_are_added_to_confirm_and_export_import_round_trip(client, people):
    citizen = people["citizen"]
    client.force_login(citizen)
    client.post(
        reverse("portfolio"), {"action": "set_occupation", "occupation": NURSE_ASSISTANT_ID}
    )
    client.post(
        reverse("portfolio"), {"action": "add_occupation_skills", "occupation": NURSE_ASSISTANT_ID}
    )
    count = Claim.objects.filter(owner=citizen, to_confirm=True).count()
    assert count > 10
    document = json.loads(client.get(reverse("portfolio_export")).content)
    assert document["format"] == "koers-portfolio/2" and len(document["claims"]) == count
    assert document["occupation"].endswith(NURSE_ASSISTANT_ID)
    other = User.objects.create_user("citizen2", password="pw-123456789", role="citizen")
    client.force_login(other)
    upload = SimpleUploadedFile("p.json", json.dumps(document).encode())
    client.post(reverse("portfolio_import"), {"file": upload})
    assert Claim.objects.filter(owner=other).count() == count
    bad = SimpleUploadedFile("p.json", b'{"claims": [{"skill_uri": "http://example.org/x"}]}')
    response = client.post(reverse("portfolio_import"), {"file": bad}, follow=True)
    assert "geen ESCO-vaardigheid" in response.content.decode()
    assert Claim.objects.filter(owner=other).count() == count


def test_a_coach_needs_consent_and_every_read_is_logged(client, people):
    citizen, coach = people["citizen"], people["coach"]
    file_url = reverse("citizen_file", args=[citizen.pk])
    client.force_login(coach)
    assert client.get(file_url).status_code == 403
    assert citizen not in [p for p in client.get(reverse("caseload")).context["people"]]
    client.force_login(citizen)
    client.post(reverse("sharing"), {"action": "grant", "username": "coach1"})
    assert Consent.objects.filter(citizen=citizen, grantee=coach, revoked_at__isnull=True).exists()
    client.post(reverse("portfolio"), {"action": "add_skill", "skill": WOUND_CARE_ID})
    client.post(reverse("citizen_check"), {"share": "1"})
    assert ActionItem.objects.filter(citizen=citizen, shared=True).exists()
    client.force_login(coach)
    page = client.get(file_url)
    assert page.status_code == 200
    assert "wondzorg uitvoeren" in page.content.decode()
    assert AccessLog.objects.filter(citizen=citizen, viewer=coach).count() == 1
    client.force_login(citizen)
    assert "coach1" in client.get(reverse("sharing")).content.decode()
    consent = Consent.objects.get(citizen=citizen, grantee=coach)
    client.post(reverse("sharing"), {"action": "revoke", "consent": consent.pk})
    client.force_login(coach)
    assert client.get(file_url).status_code == 403
    assert AccessLog.objects.filter(citizen=citizen, viewer=coach).count() == 1


def test_an_employer_without_consent_cannot_read_and_roles_are_kept_apart(client, people):
    citizen, employer = people["citizen"], people["employer"]
    client.force_login(employer)
    assert client.get(reverse("citizen_file", args=[citizen.pk])).status_code == 403
    assert client.get(reverse("portfolio")).status_code == 403
    client.force_login(citizen)
    assert client.get(reverse("organisation_check")).status_code == 403
    assert client.get(reverse("vulnerable_organisations")).status_code == 403
    response = client.post(
        reverse("sharing"), {"action": "grant", "username": "analyst1"}, follow=True
    )
    assert "geen loopbaanbegeleider of werkgever" in response.content.decode()


def test_citizen_check_page_shows_signals_in_dutch(client, people):
    client.force_login(people["citizen"])
    client.post(
        reverse("portfolio"), {"action": "set_occupation", "occupation": NURSE_ASSISTANT_ID}
    )
    html = client.get(reverse("citizen_check")).content.decode()
    assert "Je hebt 0 van de" in html
    assert "toekomst" in html


def test_soft_skills_add_self_declared_claims(client, people):
    client.force_login(people["citizen"])
    client.post(reverse("soft_skills"), {"teams": "4", "change": "1", "learning": "3"})
    claims = Claim.objects.filter(owner=people["citizen"])
    assert claims.count() == 2 and all(c.validation == "self_declared" for c in claims)


def test_employer_gets_a_plan_and_analysts_see_flagged_organisations(client, people):
    nurse = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    assistant = "http://data.europa.eu/esco/occupation/" + NURSE_ASSISTANT_ID
    workforce = "employee_ref,occupation,skills,age_band,education_level,last_training\n" + "".join(
        f"E{i},{assistant},,60+,low,\n" for i in range(5)
    )
    strategy = f"target_kind,target_uri,needed,horizon_year\noccupation,{nurse},3,2028\n"
    client.force_login(people["employer"])
    response = client.post(
        reverse("organisation_check"),
        {
            "organisation": "WZC De Linde",
            "workforce": SimpleUploadedFile("w.csv", workforce.encode()),
            "strategy": SimpleUploadedFile("s.csv", strategy.encode()),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Inzetbaarheidsplan" in html
    bad = client.post(
        reverse("organisation_check"),
        {
            "workforce": SimpleUploadedFile("w.csv", b"employee_ref,occupation\nE1,x\n"),
            "strategy": SimpleUploadedFile("s.csv", strategy.encode()),
        },
    )
    assert bad.status_code == 400
    client.force_login(people["analyst"])
    assert "WZC De Linde" in client.get(reverse("vulnerable_organisations")).content.decode()
