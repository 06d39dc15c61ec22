from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """Skills to occupations, career steps and pathways: pages and API."""

    name = "koers.web.matching"
    label = "matching"
