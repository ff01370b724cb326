"""Who may see people, create reps' accounts and print their setup codes.

Giving and ending roles is decided in ``councils.access``. Services refuse a
caller who may not, whatever view called them; views ask the same functions.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from councils.access import may_manage_staff, require
from councils.models import Council, Organisation
from councils.permissions import can_anywhere, council_ids_where
from councils.selectors import user_is_staff

from .models import RepProfile

__all__ = [
    "may_keep_own_record",
    "may_manage_election",
    "may_manage_elections_somewhere",
    "may_manage_training",
    "may_manage_training_somewhere",
    "may_read_certificate",
    "may_record_attendance_for",
    "may_see_election",
    "may_see_elections",
    "may_see_offices",
    "may_vote_in",
    "may_withdraw_nomination",
    "nominations_are_open",
    "may_change_referral",
    "may_manage_rep",
    "may_see_own_details",
    "may_see_restricted",
    "may_see_restricted_anywhere",
    "may_see_restricted_each",
    "may_work_referrals",
    "may_create_rep_in",
    "may_create_reps",
    "may_invite_staff",
    "may_issue_setup_code",
    "may_redeem_setup_code",
    "may_see_people",
    "may_see_access_needs_in",
    "require",
]


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def may_invite_staff(user, organisation: Organisation) -> bool:
    return may_manage_staff(user, organisation)


def may_create_reps(user, organisation: Organisation) -> bool:
    """Coordinates reps somewhere in the organisation (the form then asks which council)."""
    return _signed_in(user) and can_anywhere(user, organisation, "members.manage_reps")


def may_see_people(user, organisation: Organisation) -> bool:
    return may_create_reps(user, organisation) or may_manage_staff(user, organisation)


def may_create_rep_in(user, council: Council) -> bool:
    return _signed_in(user) and user.has_perm("members.manage_reps", council)


def may_issue_setup_code(user, profile: RepProfile) -> bool:
    """A new setup code lets whoever holds it into the rep's account: only
    someone who coordinates the rep's own council may print one, and only for
    a person with no staff role anywhere. A code skips the second factor's
    setup, so it must never open a staff account (an admin who is also a rep
    would otherwise get an admin's session from a coordinator's code)."""
    return may_create_rep_in(user, profile.council) and not user_is_staff(profile.user)


def may_redeem_setup_code(person) -> bool:
    """Checked again when the code is used: a staff role may have been given
    after the code was printed."""
    return not user_is_staff(person)


# Elections and training ---------------------------------------------------


def may_manage_elections_somewhere(user, organisation: Organisation) -> bool:
    return _signed_in(user) and can_anywhere(user, organisation, "members.manage_elections")


def may_manage_election(user, council: Council) -> bool:
    """Open an election, nominate, enter or confirm paper ballots, count."""
    return _signed_in(user) and user.has_perm("members.manage_elections", council)


def may_see_elections(user, organisation: Organisation) -> bool:
    return may_manage_elections_somewhere(user, organisation) or (
        _signed_in(user) and can_anywhere(user, organisation, "members.vote_in_elections")
    )


def may_see_election(user, election) -> bool:
    return may_manage_election(user, election.council) or may_vote_in(user, election.council)


def may_vote_in(user, council: Council) -> bool:
    """Reps of the council vote, and may stand."""
    return _signed_in(user) and user.has_perm("members.vote_in_elections", council)


def may_withdraw_nomination(user, nomination) -> bool:
    """The candidate themself (while still a rep of the council), or a
    coordinator of the council on their behalf."""
    council = nomination.election.council
    if nomination.candidate_id == getattr(user, "pk", None) and may_vote_in(user, council):
        return True
    return may_manage_election(user, council)


def nominations_are_open(election, now) -> bool:
    """People may stand, and withdraw, until voting opens."""
    return election.stage(now) == "nominations"


def may_see_offices(user, organisation: Organisation) -> bool:
    return _signed_in(user) and can_anywhere(user, organisation, "members.view_offices")


def may_manage_training_somewhere(user, organisation: Organisation) -> bool:
    return _signed_in(user) and can_anywhere(user, organisation, "members.manage_training")


def may_manage_training(user, organisation: Organisation) -> bool:
    """Courses and sessions are the organisation's: an organisation-wide
    coordinator or admin, or one of a council (they train their own reps)."""
    return may_manage_training_somewhere(user, organisation)


def may_record_attendance_for(user, person) -> bool:
    """Attendance is recorded for reps of a council the person coordinates."""
    profile = getattr(person, "rep_profile", None)
    return (
        _signed_in(user)
        and profile is not None
        and user.has_perm("members.manage_training", profile.council)
    )


def may_keep_own_record(user, organisation: Organisation) -> bool:
    """A rep's own training, certificates and involvement record."""
    return _signed_in(user) and can_anywhere(user, organisation, "members.view_own_record")


def may_read_certificate(user, attendance) -> bool:
    """The rep's own certificate; a coordinator of the rep's council may print it too."""
    if attendance.person_id == getattr(user, "pk", None):
        return may_keep_own_record(user, attendance.session.organisation)
    return may_record_attendance_for(user, attendance.person)


# The reps' journey (members.services.reps). Restricted records (suitability,
# licence conditions, boundaries, check-ins) need ``members.view_rep_restricted``
# for the rep's own council: coordinators and admins only.

REFUSE_RESTRICTED = _("Only coordinators and admins of this rep's council see restricted records.")
REFUSE_MANAGE_REP = _("Only coordinators and admins of this rep's council can change their record.")
REFUSE_REFERRALS = _("Only coordinators and admins work the list of people to contact.")


def may_manage_rep(user, profile: RepProfile) -> bool:
    return _signed_in(user) and user.has_perm("members.manage_reps", profile)


def may_see_access_needs_in(user, council: Council) -> bool:
    """The support reps of this council need (BSL, Easy Read, large print...)
    shown where a meeting is planned: the same people who see it on the rep's
    record (coordinators and admins of the council), never other reps,
    chairs or managers. Which reps exactly: ``members.needs``."""
    return may_create_rep_in(user, council)


def may_see_restricted(user, profile: RepProfile) -> bool:
    return _signed_in(user) and user.has_perm("members.view_rep_restricted", profile)


def may_see_restricted_each(user, organisation: Organisation, profiles) -> bool:
    """``may_see_restricted`` for every rep of a list, asking the role map
    once: a rep in a council where the person's role covers restricted
    records passes without a ``has_perm`` each (110 on a reps page); any
    other rep still asks ``has_perm`` (a per-object grant may allow it)."""
    if not _signed_in(user):
        return False
    covered = council_ids_where(user, organisation, "members.view_rep_restricted")
    return all(
        (
            user.is_active
            and profile.organisation_id == organisation.pk
            and (covered is None or profile.council_id in covered)
        )
        or may_see_restricted(user, profile)
        for profile in profiles
    )


def may_see_restricted_anywhere(user, organisation: Organisation) -> bool:
    return _signed_in(user) and can_anywhere(user, organisation, "members.view_rep_restricted")


def may_work_referrals(user, organisation: Organisation) -> bool:
    return may_create_reps(user, organisation)


def may_change_referral(user, referral) -> bool:
    """A referral for a council: that council's coordinators; with no council
    yet: coordinators of the whole organisation."""
    return _signed_in(user) and user.has_perm("members.manage_reps", referral)


def may_see_own_details(user, profile: RepProfile | None) -> bool:
    return _signed_in(user) and profile is not None and profile.user_id == user.pk
