from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    """The citizen's portfolio in the database: claims with history, consent, audit, coaching."""

    name = "koers.web.portfolio"
    label = "portfolio"
