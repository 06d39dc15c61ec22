from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "koers.web.careers"
    label = "careers"
