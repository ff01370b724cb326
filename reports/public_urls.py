"""Public pages: no sign-in. The reports issue adds the You Said, We Did page."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
