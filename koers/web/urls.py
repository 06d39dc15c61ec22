from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.web import charts
from koers.web.api import api
from koers.web.market import views as market
from koers.web.matching import views as matching
from koers.web.taxonomy import views as taxonomy

urlpatterns = [
    path("", taxonomy.home, name="home"),
    path("esco/", taxonomy.search, name="search"),
    path("esco/occupation/<str:concept_id>/", taxonomy.occupation, name="occupation"),
    path("esco/skill/<str:concept_id>/", taxonomy.skill, name="skill"),
    path("careers/match/", matching.match, name="match"),
    path("careers/steps/", matching.steps, name="career_steps"),
    path("market/", market.overview, name="market_overview"),
    path("market/tension/", market.tension, name="market_tension"),
    path("market/forecast/", market.forecasts, name="market_forecast"),
    path("market/barometer/", market.barometer, name="market_barometer"),
    path("market/backtest/", market.backtests, name="market_backtest"),
    path("market/entrepreneurs/", market.entrepreneurs, name="market_entrepreneurs"),
    path("market/import/", market.import_data, name="market_import"),
    path("market/plotly.js", charts.plotly_js, name="plotly_js"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
