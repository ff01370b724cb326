from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard_home, name="dashboard"),
    path("dashboard/region/<str:region_id>/", views.dashboard_region, name="dashboard_region"),
    path("dashboard/council/<str:council_id>/", views.dashboard_council, name="dashboard_council"),
    path("dashboard/quarterly/", views.quarterly_page, name="quarterly_page"),
    path(
        "dashboard/region/<str:region_id>/quarterly/",
        views.quarterly_page_region,
        name="quarterly_page_region",
    ),
    path(
        "dashboard/council/<str:council_id>/quarterly/",
        views.quarterly_page_council,
        name="quarterly_page_council",
    ),
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/export/", views.export_new, name="export_new"),
    path("search/", views.search_page, name="search"),
    path("reports/public-pages/", views.public_pages, name="report_public_pages"),
    path(
        "reports/public-pages/<str:council_id>/",
        views.public_page_switch,
        name="report_public_page_switch",
    ),
    path("reports/<str:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<str:report_id>/page/", views.report_page, name="report_page"),
    path("reports/<str:report_id>/pdf/", views.report_download, name="report_download"),
    path("reports/<str:report_id>/retry/", views.report_retry, name="report_retry"),
    path("reports/<str:report_id>/regenerate/", views.report_regenerate, name="report_regenerate"),
    path("reports/<str:report_id>/share/", views.report_share, name="report_share"),
    path(
        "reports/<str:report_id>/share/<str:person_id>/remove/",
        views.report_unshare,
        name="report_unshare",
    ),
    # a rep's own documents (PDFs made in the request)
    path(
        "training/certificates/<str:attendance_id>/pdf/",
        views.training_certificate,
        name="training_certificate",
    ),
    path("my-record/pdf/", views.involvement_record, name="involvement_record"),
]
