"""The project's URLs plus a stand-in "proposal_new", to test the link the
feedback board shows once the proposals app offers drafting from a selection."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path(
        "<slug:org_slug>/test-proposals/new/",
        lambda r, org_slug: HttpResponse(),
        name="proposal_new",
    ),
    *project_urlpatterns,
]
