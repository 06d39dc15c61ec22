"""The shape of the code: a pure domain core, thin doorways that never import each other.

Read from the source with ``ast``, so a violating import fails here whatever the test run
happens to import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import koers

ROOT = Path(koers.__file__).parent
DOMAIN = (
    "koers.taxonomy",
    "koers.portfolio",
    "koers.matching",
    "koers.market",
    "koers.demo",
    "koers.checks",
    "koers.training",
    "koers.rights",
    "koers.ledger",
    "koers.population",
    "koers.batch",
    "koers.monitoring",
)
CORE_MODULES = ("koers.errors", "koers.errors_nl", "koers.rows", "koers.outlook")
WEB_DOMAINS = ("taxonomy", "matching", "market", "portfolio", "checks", "monitoring")


def _modules() -> dict[str, set[str]]:
    """Every module of Koers (migrations aside) → the modules it imports."""
    found: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        name = ".".join(("koers", *path.relative_to(ROOT).with_suffix("").parts))
        name = name.removesuffix(".__init__")
        imports: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imports.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imports.add(node.module)
                imports.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[name] = imports
    return found


MODULES = _modules()


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_domain_core_imports_no_framework_and_no_doorway():
    core = [m for m in MODULES if _under(m, DOMAIN) or m in CORE_MODULES]
    assert len(core) > 30
    for module in core:
        bad = [
            i for i in MODULES[module] if _under(i, ("django", "ninja", "koers.web", "koers.cli"))
        ]
        assert not bad, f"{module} imports {bad}"


def test_the_command_line_does_not_import_the_web_app():
    cli = [m for m in MODULES if _under(m, ("koers.cli",))]
    assert len(cli) >= 5
    for module in cli:
        bad = [i for i in MODULES[module] if _under(i, ("koers.web",))]
        assert not bad, f"{module} imports {bad}"


def test_pages_and_api_of_a_domain_import_no_other_doorway():
    for domain in WEB_DOMAINS:
        for doorway in ("views", "api"):
            module = f"koers.web.{domain}.{doorway}"
            assert module in MODULES, module
            others = tuple(
                f"koers.web.{other}.{kind}"
                for other in WEB_DOMAINS
                for kind in ("views", "api")
                if f"koers.web.{other}.{kind}" != module
            )
            bad = [i for i in MODULES[module] if _under(i, others)]
            assert not bad, f"{module} imports {bad}"
