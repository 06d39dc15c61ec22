"""In a real browser at phone width (360 px): no page scrolls sideways, the menu stays on
screen, and the pages load without console errors."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.db, pytest.mark.django_db(transaction=True)]
NURSE_ASSISTANT_ID = "87d0795a-d41f-47ee-979f-0ab7d73836e7"
PAGES = [
    "/",
    "/esco/?q=verpleeghulp",
    f"/esco/occupation/{NURSE_ASSISTANT_ID}/",
    "/careers/match/?sq=wonden",
    f"/careers/steps/?from={NURSE_ASSISTANT_ID}",
    "/market/",
    "/market/tension/",
    "/market/forecast/",
    "/market/barometer/",
    "/market/backtest/",
    "/accounts/login/",
    "/no-such-page/",
]

OVERFLOWING = """
return [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))
  .join(' | ');
"""


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone_screen(live_server, browser, path):
    browser.set_window_size(360, 800)
    browser.get(live_server.url + path)
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )
    width = browser.execute_script("return window.innerWidth")
    scroll = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width, (
        f"{path} is {scroll} px wide on a {width} px screen; too wide: "
        + browser.execute_script(OVERFLOWING)
    )
    for link in browser.find_elements(By.CSS_SELECTOR, ".site-header nav a"):
        box = link.rect
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, link.text
    errors = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "404" not in e["message"]
    ]
    assert not errors, errors
