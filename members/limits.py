"""Rate limits on ``/setup/``, kept the way allauth keeps its own sign-in
limits (Django's cache; the client's address from allauth's helper, which
honours ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER).

Two limits: per address, against one machine trying many usernames; and per
username, against many machines trying one person's code. The per-username
limit is short (minutes), so it cannot lock a named person out for long;
the code itself stops working after a few wrong tries (see services).
"""

from __future__ import annotations

from allauth.core import ratelimit
from django.shortcuts import render

SETUP_ACTION = "rep_setup"


def setup_attempt_allowed(request, username: str) -> bool:
    return ratelimit.consume(request, action=SETUP_ACTION, key=username.strip().lower())


def setup_rate_limited(request):
    return render(request, "members/setup_rate_limited.html", status=429)
