from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    """The competence language: ESCO search, occupation and skill pages, and their API."""

    name = "koers.web.taxonomy"
    label = "taxonomy"
