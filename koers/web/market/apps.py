from django.apps import AppConfig


class MarketConfig(AppConfig):
    name = "koers.web.market"
    label = "market"
