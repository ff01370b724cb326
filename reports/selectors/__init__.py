"""Reads for reports, one module per job:

- ``scope``: a report's council, region or organisation, and date rules;
- ``reach``: surgeries, people reached, feedback by theme, approved quotes;
- ``outcomes``: what became of proposals, the funnel, late actions;
- ``meetings``: meetings held and attendance;
- ``members``: reps and diversity;
- ``documents``: the whole content of each document;
- ``archive``: which reports a person may see, and sharing;
- ``public``: the public You Said, We Did pages;
- ``grouped``: the quarterly figures for many places at once;
- ``dashboard``: a manager's dashboard (and its table, for exports);
- ``national``: the national picture of the organisations that share.

Only published decisions and approved quotes are read; raw feedback and
people's names never are. The names below are what the rest of the app uses.
"""

from .archive import (
    archive,
    newer_version,
    people_shared_with,
    people_to_share_with,
    report_for_page,
    reports_visible_to,
    shared_report_ids,
)
from .documents import content_for, quarterly_content, you_said_we_did_content
from .public import councils_for_public_pages, latest_ready, public_council, public_councils
from .reach import approved_quotes
from .scope import ReportScope, public_page_url

__all__ = [
    "ReportScope",
    "approved_quotes",
    "archive",
    "content_for",
    "councils_for_public_pages",
    "latest_ready",
    "newer_version",
    "people_shared_with",
    "people_to_share_with",
    "public_council",
    "public_councils",
    "public_page_url",
    "quarterly_content",
    "report_for_page",
    "reports_visible_to",
    "shared_report_ids",
    "you_said_we_did_content",
]
