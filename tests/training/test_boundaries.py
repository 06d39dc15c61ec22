"""The new domain packages import no framework and no doorway (read from the source)."""

from __future__ import annotations

from tests.test_architecture import MODULES, _under

NEW_DOMAINS = ("koers.training", "koers.rights", "koers.ledger")


def test_training_rights_and_ledger_import_no_framework_and_no_doorway():
    modules = [m for m in MODULES if _under(m, NEW_DOMAINS)]
    assert len(modules) >= 10
    for module in modules:
        bad = [
            i for i in MODULES[module] if _under(i, ("django", "ninja", "koers.web", "koers.cli"))
        ]
        assert not bad, f"{module} imports {bad}"
