from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """The training catalogue, enrolments, rights profiles and their pages (opleidingen)."""

    name = "koers.web.training"
    label = "training"
