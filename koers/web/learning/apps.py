from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learning-and-career account (leer- en loopbaanrekening): accounts and their ledger."""

    name = "koers.web.learning"
    label = "learning"
