from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """Competence checks: the citizen check, the organisation check, flagged organisations."""

    name = "koers.web.checks"
    label = "checks"
