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
    path(
        "elections/<str:election_id>/nominations/<str:nomination_id>/withdraw/",
        views.nomination_withdraw,
        name="nomination_withdraw",
    ),
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
    # The reps' journey: the coordinator's Reps area and a rep's own details.
    path("reps/", views.reps_home, name="reps_home"),
    path("reps/referrals/", views.referral_list, name="referral_list"),
    path("reps/referrals/new/", views.referral_new, name="referral_new"),
    path("reps/referrals/<str:referral_id>/", views.referral_detail, name="referral_detail"),
    path("reps/letters/", views.letters_list, name="letters_list"),
    path("reps/letters/<str:letter_id>/posted/", views.letter_posted, name="letter_posted"),
    path("reps/<str:rep_id>/", views.rep_record, name="rep_record"),
    path("reps/<str:rep_id>/status/", views.rep_status, name="rep_status"),
    path("reps/<str:rep_id>/order-end/", views.rep_order_end, name="rep_order_end"),
    path(
        "reps/<str:rep_id>/eligibility-decision/",
        views.rep_eligibility_decision,
        name="rep_eligibility_decision",
    ),
    path("reps/<str:rep_id>/restricted/", views.rep_restricted, name="rep_restricted"),
    path("reps/<str:rep_id>/suitability/", views.rep_suitability, name="rep_suitability"),
    path("reps/<str:rep_id>/conditions/new/", views.rep_condition_new, name="rep_condition_new"),
    path("reps/<str:rep_id>/boundaries/", views.rep_boundaries, name="rep_boundaries"),
    path("reps/<str:rep_id>/check-ins/new/", views.rep_check_in_new, name="rep_check_in_new"),
    path("my-details/", views.my_details, name="my_details"),
    path("my-details/change/", views.my_details_change, name="my_details_change"),
]
