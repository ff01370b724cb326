from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from councils import views as council_views
from members import views as member_views
from reports import views as reports_views

# Top-level paths (accounts/, admin/, i18n/…) can never be an organisation's
# slug: councils.models.RESERVED_ORGANISATION_SLUGS lists them, and the
# database refuses them. Add a new top-level path there too.

# The admin's own sign-in page would skip the second factor: send it through
# allauth's sign-in instead.
admin.site.login = secure_admin_login(admin.site.login)

handler403 = "councils.views.error_403"
handler404 = "councils.views.error_404"
handler500 = "councils.views.error_500"

org_patterns = [
    path("", include("councils.urls")),
    path("", include("members.urls")),
    path("", include("surgeries.urls")),
    path("", include("proposals.urls")),
    path("", include("expenses.urls")),
    path("", include("reports.urls")),
]

urlpatterns = [
    path("", council_views.landing, name="home"),
    path("healthz", council_views.healthz, name="healthz"),
    path("help/", council_views.help_page, name="help"),
    path("accessibility/", council_views.accessibility_statement, name="accessibility"),
    path("accounts/", include("allauth.urls")),
    # The language switch posts to Django's set_language view here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", member_views.account_settings, name="account_settings"),
    path("setup/", member_views.rep_setup, name="rep_setup"),
    path("admin/", admin.site.urls),
    path("public/", include("reports.public_urls")),
    # The national picture: national viewers only, outside every organisation.
    path("national/", reports_views.national, name="national"),
    path("<slug:org_slug>/", include(org_patterns)),
]
