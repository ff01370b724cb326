from django.urls import path

from . import views

urlpatterns = [
    path("surgeries/", views.surgery_list, name="surgery_list"),
    path("surgeries/today/", views.surgery_today, name="surgery_today"),
    path("surgeries/new/", views.surgery_new, name="surgery_new"),
    path("surgeries/sw.js", views.surgery_service_worker, name="surgery_service_worker"),
    path("surgeries/offline/", views.surgery_offline, name="surgery_offline"),
    path("surgeries/<str:surgery_id>/", views.surgery_detail, name="surgery_detail"),
    path("surgeries/<str:surgery_id>/edit/", views.surgery_edit, name="surgery_edit"),
    path("surgeries/<str:surgery_id>/cancel/", views.surgery_cancel, name="surgery_cancel"),
    path("surgeries/<str:surgery_id>/letter/", views.surgery_letter, name="surgery_letter"),
    path("surgeries/<str:surgery_id>/count/", views.surgery_count, name="surgery_count"),
    path(
        "surgeries/<str:surgery_id>/count/<str:tap_id>/undo/",
        views.surgery_count_undo,
        name="surgery_count_undo",
    ),
    path("surgeries/<str:surgery_id>/counts/", views.surgery_counts, name="surgery_counts"),
    path("feedback/", views.feedback_home, name="feedback_home"),
    path("feedback/board/", views.feedback_board, name="feedback_board"),
    path("feedback/summary/", views.feedback_summary, name="feedback_summary"),
    path("feedback/new/", views.feedback_new, name="feedback_new"),
    path("feedback/evidence/", views.feedback_selection, name="feedback_selection"),
    path("feedback/follow-ups/", views.followup_list, name="followup_list"),
    path("feedback/quotes/", views.quote_list, name="quote_list"),
    path("feedback/themes/", views.theme_list, name="theme_list"),
    path("feedback/themes/<str:theme_id>/", views.theme_edit, name="theme_edit"),
    path("feedback/<str:feedback_id>/", views.feedback_detail, name="feedback_detail"),
    path("feedback/<str:feedback_id>/edit/", views.feedback_edit, name="feedback_edit"),
    path(
        "feedback/<str:feedback_id>/close-follow-up/",
        views.followup_close,
        name="followup_close",
    ),
    path("feedback/<str:feedback_id>/quote/", views.quote_review, name="quote_review"),
]
