"""What a citizen, coach and analyst meet on the pages (issue 11): journeys that keep their
choices, Dutch words and numbers on Dutch pages (English marked as such), counts instead of
raw scores, each role's start page, and static files fit for a first visit."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from koers.web.accounts.models import User

pytestmark = [pytest.mark.db, pytest.mark.django_db]

NURSE_ASSISTANT_ID = "87d0795a-d41f-47ee-979f-0ab7d73836e7"
NURSE_ID = "8d3e8aaa-791b-4c75-a465-f3f827028f50"


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


# -- item 1: the career-steps journey -------------------------------------------------------


def test_searching_a_goal_keeps_the_current_occupation(client):
    html = client.get(
        reverse("career_steps"), {"from": NURSE_ASSISTANT_ID, "gq": "verpleegkundige"}
    ).content.decode()
    goal_form = html[html.index('id="goal-heading"') :]
    assert f'<input type="hidden" name="from" value="{NURSE_ASSISTANT_ID}">' in goal_form
    hits = re.findall(r'href="(\?[^"]*goal=[^"]*)"', goal_form)
    assert hits and all(f"from={NURSE_ASSISTANT_ID}" in h for h in hits)
    assert all("gq=" not in h for h in hits), "the goal query is cleared once a goal is picked"


def test_searching_the_current_occupation_keeps_the_goal(client):
    html = client.get(
        reverse("career_steps"), {"goal": NURSE_ID, "oq": "verpleeghulp"}
    ).content.decode()
    assert f'<input type="hidden" name="goal" value="{NURSE_ID}">' in html
    assert re.search(rf'href="\?[^"]*goal={NURSE_ID}[^"]*from=|href="\?[^"]*from=[^"]*goal=', html)


def test_a_goal_link_alone_shows_the_goal_and_asks_for_the_current_job(client):
    html = client.get(reverse("career_steps"), {"goal": NURSE_ID}).content.decode()
    assert "Jouw doel: algemeen verpleegkundige" in html
    assert "Kies de job die je nu doet" in html
    assert 'id="oq"' in html


def test_current_and_goal_show_gap_outlook_and_routes(client):
    html = client.get(
        reverse("career_steps"), {"from": NURSE_ASSISTANT_ID, "goal": NURSE_ID}
    ).content.decode()
    assert "Vanuit je huidige job leer je nog" in html
    assert 'class="outlook"' in html
    assert "Routes naar algemeen verpleegkundige" in html
    assert 'class="why"' in html and "Waarom" in html
    assert not re.search(r"<ol class=\"matches\">\s*<p", html), "only <li> inside the list"


# -- item 2: Dutch on Dutch pages, English marked -------------------------------------------


def test_dutch_csv_has_dutch_headers_and_yes_no(client):
    download = client.get(reverse("market_tension"), {"period": "2021-04", "format": "csv"})
    header, first = list(csv.reader(io.StringIO(download.content.decode())))[:2]
    assert header[:3] == ["beroep", "esco_uri", "periode"]
    assert first[header.index("synthetisch")] == "nee"
    _english(client)
    download = client.get(reverse("market_tension"), {"period": "2021-04", "format": "csv"})
    header = next(csv.reader(io.StringIO(download.content.decode())))
    assert header[:3] == ["occupation_nl", "esco_uri", "period"]


def test_forecast_page_speaks_dutch(client):
    html = client.get(reverse("market_forecast")).content.decode()
    assert "basisscenario" in html and ">baseline<" not in html
    assert "vraag (groeiscenario)" in html, "chart legend in Dutch"
    assert '"separators":",."' in html, "nl-BE numbers in the chart"
    assert '"tickformat":"d"' in html and '"dtick":1' in html, "whole years on the axis"
    assert "Synthetische demoset van Koers" in html, "source line in Dutch"
    assert re.search(r'<td class="num">\d{1,3}(\.\d{3})+</td>', html), "thousands separator"
    _english(client)
    html = client.get(reverse("market_forecast")).content.decode()
    assert "baseline scenario" in html and '"separators":".,"' in html


def test_isco_groups_are_named_in_dutch_with_the_english_name_marked(client):
    html = client.get(reverse("market_forecast")).content.decode()
    assert re.search(r'<td>[A-Z][^<:]+: <span lang="en">[^<]+</span></td>', html)


def test_english_skill_labels_are_marked_english_on_dutch_pages(client):
    html = client.get(reverse("occupation", args=[NURSE_ID])).content.decode()
    assert '<span lang="en">' in html
    assert ">green<" not in html and ">digital<" not in html


def test_market_sources_are_dutch(client):
    html = client.get(reverse("market_tension"), {"period": "2021-04"}).content.decode()
    assert "in het advies van de arbeidsmarktexperten" in html and "tabel 1" in html


# -- item 3: words and counts, not scores and URIs ------------------------------------------


def test_occupation_page_keeps_uris_for_experts_and_links_onwards(client):
    html = client.get(reverse("occupation", args=[NURSE_ID])).content.decode()
    details = html[html.index('<details class="expert">') :]
    assert "http://data.europa.eu/esco/occupation/" in details
    assert (
        "http://data.europa.eu/esco/occupation/"
        not in html[: html.index('<details class="expert">')]
    )
    assert f"{reverse('career_steps')}?from={NURSE_ID}" in html
    assert f"{reverse('career_steps')}?goal={NURSE_ID}" in html
    assert "Specialisten gezondheidszorg" in html


def test_search_results_show_no_raw_scores(client):
    html = client.get(reverse("search"), {"q": "verpleeghulp"}).content.decode()
    assert 'class="score"' not in html and not re.search(r">\d,\d\d<", html)


def test_occupations_without_an_essential_skill_held_are_not_listed_as_fitting(client):
    html = client.get(reverse("match"), {"skill": "ccd0a1d9-afda-43d9-b901-96344886e14d"})
    text = html.content.decode()
    fitting = text[text.index('id="matches-heading"') : text.index('id="related-heading"')]
    assert "Je hebt 0 van de" not in fitting
    assert "Beroepen die een deel van je vaardigheden gebruiken" in text


def test_synthetic_outlook_badges_say_synthetic(client):
    html = client.get(reverse("career_steps"), {"from": NURSE_ASSISTANT_ID}).content.decode()
    badges = re.findall(r'<span class="badge outlook-(?:up|down)">([^<]*)</span>', html)
    assert badges and all("synthetisch" in b for b in badges)


# -- item 6 (part): the API docs page --------------------------------------------------------


def test_api_docs_have_a_language_and_a_way_back(client):
    html = client.get("/api/docs").content.decode()
    assert '<html lang="nl">' in html
    assert f'href="{reverse("home")}"' in html and "Terug naar de site van Koers" in html
    assert '"deepLinking": false' in html
    assert "<script>" not in html, "no inline script: the CSP stays strict"


# -- item 7: each role's start page ---------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "start"),
    [
        ("citizen", "/portfolio/"),
        ("coach", "/coach/"),
        ("employer", "/organisation/check/"),
        ("analyst", "/market/"),
    ],
)
def test_each_role_lands_on_its_own_start_page(client, role, start):
    User.objects.create_user("someone", password="pw-123456789", role=role)
    response = client.post(reverse("login"), {"username": "someone", "password": "pw-123456789"})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == start


def test_a_provider_sees_what_is_there(client):
    User.objects.create_user("provider", password="pw-123456789", role="provider")
    response = client.post(
        reverse("login"), {"username": "provider", "password": "pw-123456789"}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Als opleidingsverstrekker" in html
    for page in ("provider_training", "provider_course", "training_import"):
        assert f'href="{reverse(page)}"' in html


# -- item 5: static files ----------------------------------------------------------------------


def test_collected_static_files_are_hashed_compressed_and_cached_for_ever(tmp_path, rf):
    from whitenoise.middleware import WhiteNoiseMiddleware

    from koers.web.charts import PLOTLY_JS

    with override_settings(STATIC_ROOT=tmp_path):
        call_command("collectstatic", "--noinput", verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        staticfiles_storage.__init__()  # re-read the manifest just written
        try:
            url = staticfiles_storage.url(PLOTLY_JS)
            assert re.search(r"plotly-basic-4\.1\.1\.min\.[0-9a-f]{12}\.js$", url)
            assert (tmp_path / url.removeprefix("/static/")).with_suffix(".js.gz").exists()
            middleware = WhiteNoiseMiddleware(lambda request: None)
            response = middleware(rf.get(url, HTTP_ACCEPT_ENCODING="gzip"))
            assert response.status_code == 200
            assert response["Content-Encoding"] == "gzip"
            assert "immutable" in response["Cache-Control"]
            assert "max-age=315360000" in response["Cache-Control"]
        finally:
            staticfiles_storage.__init__()


def test_nace_sections_are_named(client):
    html = client.get(reverse("market_entrepreneurs")).content.decode()
    assert "F · Bouwnijverheid" in html
    _english(client)
    html = client.get(reverse("market_entrepreneurs")).content.decode()
    assert "F · Construction" in html


def test_periods_read_as_month_and_year(client):
    html = client.get(reverse("market_tension"), {"period": "2021-04"}).content.decode()
    assert '<option value="2021-04" selected>april 2021</option>' in html
    _english(client)
    html = client.get(reverse("market_tension"), {"period": "2021-04"}).content.decode()
    assert '<option value="2021-04" selected>April 2021</option>' in html
