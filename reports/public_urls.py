"""Public pages: no sign-in. Each council's You Said, We Did page, once
published, and an organisation's list of them (the QR code targets)."""

from django.urls import path

from . import views

urlpatterns = [
    # Before the organisations: "national" is a reserved slug.
    path("national/", views.public_national, name="public_national"),
    path("<slug:org_slug>/", views.public_index, name="public_index"),
    path(
        "<slug:org_slug>/<slug:council_slug>/",
        views.public_you_said_we_did,
        name="public_you_said_we_did",
    ),
    path(
        "<slug:org_slug>/<slug:council_slug>/booklet.pdf",
        views.public_booklet,
        name="public_booklet",
    ),
]
