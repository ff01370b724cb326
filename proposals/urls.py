from django.urls import path

from . import views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/ours/", views.proposal_ours, name="proposal_ours"),
    path("proposals/decisions/", views.proposal_decisions, name="proposal_decisions"),
    path("proposals/my-actions/", views.proposal_my_actions, name="proposal_my_actions"),
    path("proposals/overdue/", views.proposal_overdue, name="proposal_overdue"),
    path("proposals/words/", views.wording_waiting, name="wording_waiting"),
    path("proposals/<str:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<str:proposal_id>/words/", views.wording_review, name="wording_review"),
    path("proposals/<str:proposal_id>/edit/", views.proposal_edit, name="proposal_edit"),
    path(
        "proposals/<str:proposal_id>/authors/",
        views.proposal_add_author,
        name="proposal_add_author",
    ),
    path(
        "proposals/<str:proposal_id>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"
    ),
    path("proposals/<str:proposal_id>/comment/", views.proposal_comment, name="proposal_comment"),
    path("proposals/<str:proposal_id>/follow/", views.proposal_follow, name="proposal_follow"),
    path(
        "proposals/<str:proposal_id>/owner/",
        views.proposal_assign_owner,
        name="proposal_assign_owner",
    ),
    path(
        "proposals/<str:proposal_id>/update/", views.proposal_update_add, name="proposal_update_add"
    ),
    path(
        "proposals/<str:proposal_id>/done/", views.proposal_implemented, name="proposal_implemented"
    ),
    path(
        "proposals/<str:proposal_id>/done/undo/",
        views.proposal_undo_done,
        name="proposal_undo_done",
    ),
    path(
        "proposals/<str:proposal_id>/not-done/",
        views.proposal_not_implemented,
        name="proposal_not_implemented",
    ),
    path(
        "proposals/<str:proposal_id>/target-date/",
        views.target_date_ask,
        name="target_date_ask",
    ),
    path(
        "target-dates/<str:target_request_id>/",
        views.target_date_answer,
        name="target_date_answer",
    ),
    path(
        "proposals/<str:proposal_id>/milestones/new/",
        views.milestone_new,
        name="milestone_new",
    ),
    path(
        "milestones/<str:milestone_id>/done/",
        views.milestone_done,
        name="milestone_done",
    ),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<str:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<str:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<str:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<str:meeting_id>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("meetings/<str:meeting_id>/agenda/build/", views.agenda_build, name="agenda_build"),
    path(
        "meetings/<str:meeting_id>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path("meetings/<str:meeting_id>/minutes/", views.meeting_minute_add, name="meeting_minute_add"),
    path("meetings/<str:meeting_id>/actions/new/", views.action_point_new, name="action_point_new"),
    path(
        "meetings/<str:meeting_id>/actions/<str:action_id>/",
        views.action_point_note,
        name="action_point_note",
    ),
    path("meetings/<str:meeting_id>/complete/", views.meeting_complete, name="meeting_complete"),
    path(
        "meetings/<str:meeting_id>/ready/<str:proposal_id>/",
        views.meeting_mark_ready,
        name="meeting_mark_ready",
    ),
    path(
        "meetings/<str:meeting_id>/decide/<str:proposal_id>/",
        views.decision_record,
        name="decision_record",
    ),
    path("meetings/<str:meeting_id>/publish/", views.decisions_publish, name="decisions_publish"),
    path(
        "meetings/<str:meeting_id>/publish/check/",
        views.decisions_publish_check,
        name="decisions_publish_check",
    ),
    path("agenda-items/<str:item_id>/", views.agenda_item_edit, name="agenda_item_edit"),
    path("agenda-items/<str:item_id>/move/", views.agenda_item_move, name="agenda_item_move"),
]
