from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.web.accounts import my_data
from koers.web.accounts import views as accounts
from koers.web.api import api
from koers.web.checks import views as checks
from koers.web.market import views as market
from koers.web.matching import views as matching
from koers.web.monitoring import views as monitoring
from koers.web.portfolio import views as portfolio
from koers.web.taxonomy import views as taxonomy
from koers.web.training import views as training

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
    path("market/monitoring/", monitoring.policy, name="policy_monitoring"),
    path("vacancies/candidates/", monitoring.candidates, name="vacancy_candidates"),
    path("vacancies/mine/", monitoring.my_vacancies, name="my_vacancies"),
    path("market/vulnerable/", checks.vulnerable, name="vulnerable_organisations"),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
    path("portfolio/from-text/", portfolio.from_text, name="portfolio_from_text"),
    path("portfolio/soft-skills/", portfolio.soft_skills, name="soft_skills"),
    path("portfolio/export/", portfolio.export, name="portfolio_export"),
    path("portfolio/import/", portfolio.import_file, name="portfolio_import"),
    path("portfolio/print/", portfolio.printable, name="portfolio_print"),
    path("portfolio/sharing/", portfolio.sharing, name="sharing"),
    path("check/", checks.citizen, name="citizen_check"),
    path("organisation/check/", checks.organisation, name="organisation_check"),
    path("coach/", portfolio.caseload, name="caseload"),
    path("coach/<int:citizen_id>/", portfolio.citizen_file, name="citizen_file"),
    path("training/", training.training, name="training"),
    path("training/enrol/", training.enrol, name="training_enrol"),
    path("training/cancel/<int:enrolment_id>/", training.cancel, name="training_cancel"),
    path("training/account/", training.learning_account, name="learning_account"),
    path("training/employer/", training.employer, name="employer_training"),
    path("training/provider/", training.provider, name="provider_training"),
    path("training/provider/course/", training.provider_course, name="provider_course"),
    path("training/import/", training.import_catalogue, name="training_import"),
    path("rights/", training.rights, name="rights"),
    path("accounts/start/", accounts.start, name="start"),
    path("account/data/", my_data.my_data, name="my_data"),
    path("account/data/download/", my_data.my_data_download, name="my_data_download"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
