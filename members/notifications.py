"""Emails about people. Called by ``members.tasks`` once the write that asked
for them has committed, never inside a web request."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from councils.email import email_people
from councils.models import Organisation


def invitation_link(user) -> str:
    """allauth's 'choose a new password' link: a staff member's first password."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def staff_invitation(*, user_id: int, organisation_id: int, language: str = "") -> int:
    """Email a new member of staff a link to choose their password. Written in
    the language the inviter was using. Returns how many emails were sent."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if user is None or organisation is None or not user.email:
        return 0
    context = {"user": user, "organisation": organisation, "link": invitation_link(user)}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = gettext("You have been invited to Said and Done for %(organisation)s") % {
            "organisation": organisation.name
        }
        body = render_to_string("members/email/invitation.txt", context)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
    return 1


def election_notice(*, election_id: int, stage: str) -> int:
    """Tell the reps of the election's council (its voters, who may also
    stand) that nominations, or voting, are open. A rep who prefers post
    gets a letter instead (councils.email). Returns how many were emailed.
    Called by ``members.services.election_notice_send`` inside the
    transaction that claims the notice: if this raises, the notice stays
    unsent and its letters are not kept."""
    from .models import Election
    from .services import council_reps

    election = (
        Election.objects.select_related("council", "organisation").filter(pk=election_id).first()
    )
    if election is None or election.counted_at is not None:
        return 0
    link = settings.SITE_URL + reverse(
        "election_detail", args=[election.organisation.slug, election.public_id]
    )
    if stage == "nominations":
        subject = gettext("You can stand for election: %(election)s") % {"election": election}
        template = "members/email/election_nominations_open.txt"
    else:
        subject = gettext("Voting is open: %(election)s") % {"election": election}
        template = "members/email/election_voting_open.txt"
    return email_people(
        people=council_reps(election.council),
        subject=subject,
        template=template,
        context={"election": election, "link": link},
    )
