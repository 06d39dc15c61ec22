"""Analyst pages, CSV downloads and data import through the browser form."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.urls import reverse

from koers.web.accounts.models import User
from koers.web.charts import PLOTLY_JS
from koers.web.market.models import MarketDataset
from tests.web.pages import CDN

pytestmark = [pytest.mark.db, pytest.mark.django_db]


@pytest.mark.parametrize(
    "name",
    [
        "market_overview",
        "market_tension",
        "market_forecast",
        "market_barometer",
        "market_backtest",
        "market_entrepreneurs",
    ],
)
def test_pages_render_and_download_csv(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert not CDN.search(html)
    download = client.get(reverse(name), {"format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert len(rows) > 1


def test_real_and_synthetic_are_labelled(client):
    real = client.get(reverse("market_tension"), {"period": "2021-04"}).content.decode()
    assert "VDAB" in real and "provenance real" in real and "Verpleegkundige" in real
    synthetic = client.get(reverse("market_tension"), {"period": "2026-09"}).content.decode()
    assert "provenance synthetic" in synthetic


def test_chart_pages_load_the_basic_plotly_bundle_locally(client):
    html = client.get(reverse("market_forecast")).content.decode()
    assert static(PLOTLY_JS) in html and 'id="chart-data"' in html
    assert "plotly-basic" in PLOTLY_JS
    js = client.get(static(PLOTLY_JS))
    assert js.status_code == 200
    body = b"".join(js.streaming_content) if js.streaming else js.content
    assert b"plotly.js (basic - minified)" in body[:200]
    assert len(body) < 2_000_000, "the basic bundle, not the 4.8 MB full plotly.js"


def test_backtest_page_shows_methods_and_the_interval_band(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("market_backtest")).content.decode()
    assert '<html lang="en">' in html
    assert "Totaal" in html and "Openstaande vacatures (jaargemiddelde)" in html
    assert "MASE" in html and "mean of the training years" in html
    assert '"fill":"tonexty"' in html, "the 80 % interval is drawn as a band"
    download = client.get(reverse("market_backtest"), {"format": "csv"}).content.decode()
    header = next(csv.reader(io.StringIO(download)))
    assert {"method", "mape", "naive_mape", "mase", "lower", "upper"} <= set(header)


def test_forecast_page_shows_an_indicative_band(client):
    html = client.get(reverse("market_forecast"), {"scenario": "growth"}).content.decode()
    assert '"fill":"tonexty"' in html
    assert "(groeiscenario)</caption>" in html
    assert html.count("–") >= 5, "a band per forecast year in the table"


def test_statbel_entrepreneurs_are_shown_as_real(client):
    html = client.get(reverse("market_entrepreneurs"), {"region": "Waals Gewest"}).content.decode()
    assert "Statbel" in html and "provenance real" in html and "Waals Gewest, 2017" in html


def test_unknown_period_is_a_clear_404(client):
    response = client.get(reverse("market_tension"), {"period": "1999-01"})
    assert response.status_code == 404
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Voor 1999-01 zijn er geen cijfers over vacatures en werkzoekenden." in html
    response = client.get(reverse("market_tension"), {"period": "1999-1"})
    assert response.status_code == 400
    assert "“1999-1” is geen periode JJJJ-MM." in response.content.decode()


def test_only_analysts_and_admins_import(client):
    citizen = User.objects.create_user("c", password="pw-123456789", role="citizen")
    client.force_login(citizen)
    assert client.get(reverse("market_import")).status_code == 403


def test_import_is_all_or_nothing(client):
    analyst = User.objects.create_user("a", password="pw-123456789", role="analyst")
    client.force_login(analyst)
    bad = b"occupation,period,vacancies\nLasser,2026-03,10\nKok,2026-3,5\n"
    response = client.post(
        reverse("market_import"), {"kind": "vacancies", "file": SimpleUploadedFile("v.csv", bad)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "“2026-3” is geen periode JJJJ-MM" in html
    assert '<td class="num">2</td><td><code>period</code></td>' in html
    assert MarketDataset.objects.count() == 0
    good = b"occupation,period,vacancies\nLasser,2026-03,10\nKok,2026-03,5\n"
    response = client.post(
        reverse("market_import"),
        {"kind": "vacancies", "file": SimpleUploadedFile("v.csv", good), "source": "VDAB"},
        follow=True,
    )
    assert response.status_code == 200
    dataset = MarketDataset.objects.get()
    assert dataset.row_count == 2 and dataset.source == "VDAB" and dataset.imported_by == analyst


def test_tension_defaults_to_real_figures_and_follows_one_occupation(client):
    page = client.get(reverse("market_tension"))
    assert page.context["period"] in page.context["real_periods"]
    html = page.content.decode()
    assert "<optgroup" in html and "Synthetische cijfers" in html
    name = page.context["rows"][0].occupation_nl
    one = client.get(reverse("market_tension"), {"occupation": name})
    assert [r.occupation_nl for r in one.context["rows"]] == [name]
    assert name in one.context["chart_title"]
