"""The site as a whole: home page, login, language switch and secure defaults, through HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from koers.demo.users import ROLE_ACCOUNTS
from koers.web.accounts.models import User
from koers.web.accounts.services import demo_users_load

pytestmark = [pytest.mark.db, pytest.mark.django_db]

NURSE_ID = "8d3e8aaa-791b-4c75-a465-f3f827028f50"
PYTHON_ID = "ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_home_is_dutch_by_default_with_attribution(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Zoek beroepen of vaardigheden" in html
    assert "ESCO v1.2.0, © European Union" in html


def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Search occupations or skills" in html


def test_login_and_logout_as_demo_citizen(client):
    demo_users_load(password="demo-pass-123", extra_citizens=0)
    response = client.post(
        reverse("login"),
        {"username": ROLE_ACCOUNTS["citizen"], "password": "demo-pass-123"},
        follow=True,
    )
    html = response.content.decode()
    assert "Burger" in html
    assert "synthetisch demo-account" in html
    response = client.post(reverse("logout"), follow=True)
    assert "Aanmelden" in response.content.decode()


def test_wrong_password_is_refused(client):
    demo_users_load(password="demo-pass-123", extra_citizens=0)
    response = client.post(reverse("login"), {"username": "demo-burger", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_login_form_needs_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_demo_users_cover_every_role_and_are_synthetic():
    people = demo_users_load(password="demo-pass-123", extra_citizens=3)
    assert len(people) == 9
    users = User.objects.all()
    assert {u.role for u in users} == {
        "citizen",
        "coach",
        "employer",
        "provider",
        "analyst",
        "admin",
    }
    assert all(u.is_synthetic for u in users)
    assert not any(u.is_superuser or u.is_staff for u in users)
    assert all(created for _, created in people)

    changed = User.objects.get(username="demo-burger")
    changed.set_password("my-own-password-42")
    changed.save()
    again = demo_users_load(password="demo-pass-123", extra_citizens=3)
    assert not any(created for _, created in again) and User.objects.count() == 9
    changed.refresh_from_db()
    assert changed.check_password("my-own-password-42")


def test_dutch_stays_default_whatever_the_browser_prefers(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html


def test_login_is_locked_after_repeated_failures_and_failures_are_logged(client):
    from axes.models import AccessAttempt

    User.objects.create_user("an", password="the-right-password-1", role="citizen")
    for _ in range(5):
        wrong = client.post(reverse("login"), {"username": "an", "password": "guess"})
        assert wrong.status_code in (200, 429)
    locked = client.post(reverse("login"), {"username": "an", "password": "the-right-password-1"})
    assert locked.status_code == 429
    assert "Te veel pogingen om aan te melden" in locked.content.decode()
    assert AccessAttempt.objects.get(username="an").failures_since_start >= 5
    assert "_auth_user_id" not in client.session
