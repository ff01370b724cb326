from django.urls import path

from . import views

urlpatterns = [
    path("", views.org_home, name="org_home"),
    path("setup/", views.setup_index, name="setup_index"),
    path("setup/regions/new/", views.region_edit, name="region_new"),
    path("setup/regions/<str:region_id>/", views.region_edit, name="region_edit"),
    path("setup/councils/new/", views.council_edit, name="council_new"),
    path("setup/councils/<str:council_id>/", views.council_edit, name="council_edit"),
    path("setup/sites/new/", views.site_edit, name="site_new"),
    path("setup/sites/<str:site_id>/", views.site_edit, name="site_edit"),
    path("setup/national-sharing/", views.national_sharing, name="national_sharing"),
    path("audit/", views.audit_log, name="audit_log"),
    path("report-a-problem/", views.problem_report_new, name="problem_report_new"),
    path("problems/", views.problem_reports, name="problem_reports"),
    path(
        "problems/<str:problem_id>/dealt-with/",
        views.problem_report_close,
        name="problem_report_close",
    ),
]
