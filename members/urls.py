from django.urls import path

from . import views

urlpatterns = [
    path("people/", views.people_list, name="people_list"),
    path("people/invite/", views.staff_invite, name="staff_invite"),
    path("people/new-rep/", views.rep_create, name="rep_create"),
    path("people/roles/new/", views.role_assign_view, name="role_assign"),
    path("people/roles/<str:assignment_id>/end/", views.role_end_view, name="role_end"),
    path("people/<str:person_id>/", views.person_detail, name="person_detail"),
    path("people/<str:person_id>/new-code/", views.rep_new_code, name="rep_new_code"),
    # elections and offices
    path("elections/", views.election_list, name="election_list"),
    path("elections/new/", views.election_new, name="election_new"),
    path("elections/<str:election_id>/", views.election_detail, name="election_detail"),
    path("elections/<str:election_id>/stand/", views.nomination_new, name="nomination_new"),
    path("elections/<str:election_id>/vote/", views.ballot, name="election_ballot"),
    path("elections/<str:election_id>/paper/", views.paper_count_new, name="paper_count_new"),
    path(
        "elections/<str:election_id>/paper/<str:count_id>/confirm/",
        views.paper_count_confirm,
        name="paper_count_confirm",
    ),
    path(
        "elections/<str:election_id>/paper/<str:count_id>/discard/",
        views.paper_count_discard,
        name="paper_count_discard",
    ),
    path("elections/<str:election_id>/count/", views.election_count, name="election_count"),
    path("elections/<str:election_id>/rerun/", views.election_rerun, name="election_rerun"),
    path("offices/", views.office_list, name="office_list"),
    # training and the rep's own record
    path("training/", views.training_list, name="training_list"),
    path("training/courses/new/", views.course_new, name="course_new"),
    path("training/courses/<str:course_id>/", views.course_detail, name="course_detail"),
    path(
        "training/sessions/<str:session_id>/",
        views.training_session_detail,
        name="training_session_detail",
    ),
    path("my-record/", views.my_record, name="my_record"),
]
