"""Schemathesis over the whole API schema, anonymously and as each role with personal data:
no server errors, every answer documented and conforming to the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from koers.web.accounts.models import User

pytestmark = [pytest.mark.db, pytest.mark.django_db]
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
ROLES = ("anonymous", "citizen", "coach", "employer")


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Requests go through the real WSGI handler, which closes "old" database connections when
    a request starts and ends; inside a test's transaction that would close the test's own
    connection (on PostgreSQL). Django's test client unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _cookie(role: str) -> dict[str, str]:
    if role == "anonymous":
        return {}
    user, _ = User.objects.get_or_create(username=f"fuzz-{role}", defaults={"role": role})
    client = Client()
    client.force_login(user)
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_api_answers_as_documented(case, role):
    if role != "anonymous" and not case.operation.definition.raw.get("security"):
        pytest.skip("a public operation answers every role alike: tested anonymously")
    case.call_and_validate(headers=_cookie(role))
