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
]
