"""The policy-monitoring page (analysts), an employer's candidates and a citizen's vacancies."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.templatetags.static import static
from django.urls import reverse

from koers.taxonomy.model import concept_id
from koers.web.charts import PLOTLY_JS
from koers.web.learning.models import Account, Entry
from koers.web.portfolio.models import AccessLog
from tests.web.monitoring.conftest import NURSE_ASSISTANT, essential_skills, login
from tests.web.pages import CDN

pytestmark = [pytest.mark.db, pytest.mark.django_db]


def _csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_analyst_sees_kpis_with_provenance_charts_and_dutch_numbers(people):
    response = login(people["analyst"]).get(reverse("policy_monitoring"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="badge synthetic"' in html and 'class="badge real"' in html
    assert "provenance synthetic" in html
    assert html.count("data-chart=") == 4
    assert static(PLOTLY_JS) in html and not CDN.search(html)
    assert "23,0 %" in html, "the real EAK 2019 figure, with a Dutch decimal comma"
    assert "70,1 %" in html, "the real share of high-educated career-guidance users"
    assert re.search(r"\d+,\d ×", html), "the Matthew ratio, as a Dutch number"
    # every value row says where it comes from
    rows = re.findall(r"<tr><td>.*?</tr>", html, flags=re.S)
    kpi_rows = [r for r in rows if 'class="num"' in r and "badge" in r]
    assert len(kpi_rows) >= 15
    assert all("badge synthetic" in r or "badge real" in r for r in kpi_rows)


def test_monitoring_is_for_analysts_and_admins(people, client):
    url = reverse("policy_monitoring")
    assert client.get(url).status_code == 302
    for who in ("employer", "an"):
        assert login(people[who]).get(url).status_code == 403


@pytest.mark.parametrize(
    ("table", "provenance"), [("platform", {"synthetic"}), ("real", {"real"}), ("targets", None)]
)
def test_every_table_downloads_as_csv_with_dutch_headers(people, table, provenance):
    client = login(people["analyst"])
    rows = _csv(client.get(reverse("policy_monitoring"), {"format": "csv", "table": table}))
    header = rows[0]
    assert len(rows) > 2
    if provenance is not None:
        assert header[:3] == ["kpi", "indicator", "populatie"]
        assert {"waarde", "eenheid", "periode", "herkomst", "bron", "doel", "omschrijving"} <= set(
            header
        )
        column = header.index("herkomst")
        assert {r[column] for r in rows[1:]} == provenance
    else:
        assert header == ["doel", "populatie", "waarde", "eenheid", "jaar", "bron", "omschrijving"]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _csv(client.get(reverse("policy_monitoring"), {"format": "csv", "table": table}))
    assert "value" in english[0] and "source" in english[0]


def test_demand_driven_share_comes_from_the_ledger_when_it_holds_spending(people):
    account = Account.objects.create(holder=people["an"], name="an")
    for number, (cents, demand) in enumerate(((30_000, True), (10_000, False)), start=1):
        Entry.objects.create(
            account=account,
            sequence=number,
            kind="spend",
            amount_cents=cents,
            demand_driven=demand,
            available_after_cents=0,
            reserved_after_cents=0,
        )
    client = login(people["analyst"])
    rows = _csv(client.get(reverse("policy_monitoring"), {"format": "csv", "table": "platform"}))
    header = rows[0]
    ledger = [r for r in rows[1:] if r[header.index("kpi")] == "demand_driven_budget_share"]
    assert len(ledger) == 1
    assert float(ledger[0][header.index("waarde")]) == 75.0
    assert ledger[0][header.index("bron")] == "Koers learning-account ledger"
    assert ledger[0][header.index("herkomst")] == "platform", "real accounts, not synthetic"
    html = client.get(reverse("policy_monitoring")).content.decode()
    section = html.split('id="kpi-demand_driven_budget_share"')[1].split("</section>")[0]
    assert "75,0 %" in section
    assert '<span class="badge">' in section and "badge synthetic" not in section


def test_employer_finds_consenting_candidates_and_each_read_is_logged(people):
    skills = essential_skills(NURSE_ASSISTANT)[:8]
    employer = login(people["employer"])
    params = {"skill": [concept_id(u) for u in skills], "run": "1", "region": "Brussels"}
    html = employer.get(reverse("vacancy_candidates"), params).content.decode()
    assert "an" in re.findall(r"<h3>(\w+)</h3>", html)
    assert re.findall(r"<h3>(\w+)</h3>", html) == ["an", "bert"], "best first; cis gave no consent"
    assert "score" not in html.lower()
    logged = AccessLog.objects.filter(viewer=people["employer"], what="vacancy candidates")
    assert {log.citizen.username for log in logged} == {"an", "bert"}
    assert not AccessLog.objects.filter(citizen=people["cis"]).exists()


def test_employer_starts_from_an_occupations_essential_skills(people):
    employer = login(people["employer"])
    response = employer.get(reverse("vacancy_candidates"), {"from": concept_id(NURSE_ASSISTANT)})
    assert response.status_code == 302
    assert response["Location"].count("skill=") == len(essential_skills(NURSE_ASSISTANT))
    page = employer.get(response["Location"])
    assert page.status_code == 200
    assert not AccessLog.objects.exists(), "no portfolio is read before the search is run"


def test_candidates_page_is_for_employers(people):
    for who in ("an", "analyst"):
        assert login(people[who]).get(reverse("vacancy_candidates")).status_code == 403


def test_citizen_sees_synthetic_vacancies_with_matched_and_missing_skills(people):
    citizen = login(people["an"])
    html = citizen.get(reverse("my_vacancies")).content.decode()
    cards = html.count('<li class="match">')
    assert cards == 10
    assert html.count('class="badge synthetic"') == cards
    assert "provenance synthetic" in html
    brussels = citizen.get(reverse("my_vacancies"), {"region": "Brussels"}).content.decode()
    assert brussels.count('<li class="match">') == 10
    assert "Wallonia" not in brussels.split("<main")[1].split("</form>")[1]


def test_vacancies_page_is_for_citizens(people, client):
    assert client.get(reverse("my_vacancies")).status_code == 302
    assert login(people["employer"]).get(reverse("my_vacancies")).status_code == 403
