from django.apps import AppConfig


class MarketConfig(AppConfig):
    """Labour-market intelligence: analyst pages, API and the store of imported data sets."""

    name = "koers.web.market"
    label = "market"

    def ready(self) -> None:
        from koers.market.in_force import use_imported_datasets
        from koers.web.market.datasets import DatabaseDatasets

        use_imported_datasets(DatabaseDatasets())
