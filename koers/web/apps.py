from django.apps import AppConfig


class WebConfig(AppConfig):
    """The project package itself: templates, static files, locale and management commands."""

    name = "koers.web"
    label = "koers_web"
