"""The demo's national viewer: a person outside every organisation who reads
the national picture (figures only). Idempotent: safe to run again."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

from councils.models import NationalSharing, NationalViewer
from councils.services import national_sharing_set

NATIONAL_VIEWER = "national-viewer"
NATIONAL_VIEWER_NAME = "Nia Fielding"
# Each demo organisation's admin agrees to share its figures, so the national
# page has something to show. Only the first time: an admin who later stops
# sharing in the demo is not overruled by running the seed again.
SHARING = {"northmoor": "nm-admin", "southfen": "sf-admin"}


def seed(context: dict, *, password: str, totp_secret: str) -> None:
    user, created = get_user_model().objects.get_or_create(
        username=NATIONAL_VIEWER,
        defaults={"display_name": NATIONAL_VIEWER_NAME, "email": f"{NATIONAL_VIEWER}@example.org"},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    # A national viewer reads figures from every sharing organisation: like
    # staff, they sign in with a second factor (the demo's shared secret).
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, totp_secret)
    NationalViewer.objects.get_or_create(user=user)
    context["people"][NATIONAL_VIEWER] = user
    for org in context["organisations"]:
        admin = context["people"].get(SHARING.get(org.slug, ""))
        if admin and not NationalSharing.objects.filter(organisation=org).exists():
            national_sharing_set(organisation=org, enabled=True, actor=admin)
