"""axe-core (vendored, tests/browser/vendor/) run inside the page by Selenium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selenium.webdriver.remote.webdriver import WebDriver

AXE_JS = (Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js").read_text("utf-8")
BLOCKING = ("serious", "critical")


def axe_violations(browser: WebDriver) -> list[dict[str, Any]]:
    """Every axe violation on the page now in the browser (all impacts)."""
    if not browser.execute_script("return !!window.axe"):
        browser.execute_script(AXE_JS)
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "window.axe.run(document, {resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations.map(function (v) {"
        "  return {id: v.id, impact: v.impact, nodes: v.nodes.length,"
        "          targets: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })};"
        "})); }).catch(function (e) { done([{id: 'axe-error', impact: 'critical',"
        " nodes: 0, targets: [String(e)]}]); });"
    )
    return list(result)


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING]
