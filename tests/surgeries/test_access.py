"""Who may: the services refuse a caller who may not, whatever view called
them, and the pages ask the same rules."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from councils.models import Role
from surgeries import access, services
from surgeries.models import FeedbackItem
from tests.factories import user_with_role
from tests.surgeries.factories import item_for, surgery_for, theme_for

pytestmark = pytest.mark.django_db


def log_at(surgery, tenant, actor):
    return services.feedback_log(
        organisation=tenant.organisation,
        council=tenant.council,
        surgery=surgery,
        theme=theme_for(tenant),
        kind="problem",
        said="The waiting room is cold.",
        actor=actor,
    )


def test_only_reps_going_and_coordinators_log_and_count_at_a_surgery(tenant_a):
    going = tenant_a["rep"]
    not_going = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    surgery = surgery_for(tenant_a, reps=[going])
    assert access.may_log_at_surgery(going, surgery)
    assert access.may_log_at_surgery(tenant_a["coordinator"], surgery)
    assert not access.may_log_at_surgery(not_going, surgery)
    assert not access.may_log_at_surgery(tenant_a["chair"], surgery)
    # A rep of the council may still read what was logged there.
    assert access.may_see_raw_feedback(not_going, surgery)

    log_at(surgery, tenant_a, going)
    log_at(surgery, tenant_a, tenant_a["coordinator"])
    with pytest.raises(PermissionDenied, match="Only the reps going to this surgery"):
        log_at(surgery, tenant_a, not_going)
    with pytest.raises(PermissionDenied):
        services.surgery_count_person(surgery=surgery, outcome="engaged", actor=not_going)
    with pytest.raises(PermissionDenied):
        services.surgery_record_counts(
            surgery=surgery,
            people_approached=1,
            people_engaged=1,
            people_declined=0,
            actor=not_going,
        )
    assert FeedbackItem.objects.count() == 2


def test_a_rep_not_going_sees_the_surgery_but_not_the_forms(tenant_a, client_for):
    not_going = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    surgery = surgery_for(tenant_a)
    path = f"/{tenant_a.organisation.slug}/surgeries/{surgery.public_id}/"
    page = client_for(not_going).get(path).content.decode()
    assert "Add what someone said" not in page
    assert "Only the reps going to this surgery" in page
    refused = client_for(not_going).post(f"{path}count/", {"outcome": "engaged"})
    assert refused.status_code == 403
    surgery.refresh_from_db()
    assert surgery.people_approached == 0


@pytest.mark.parametrize(
    "role, allowed",
    [(Role.COORDINATOR, True), (Role.REP, False), (Role.CHAIR, False), (Role.ADMIN, False)],
)
def test_only_coordinators_check_quotes_and_close_follow_ups(tenant_a, role, allowed):
    item = item_for(tenant_a, consent_to_quote=True, follow_up="signposted")
    actor = tenant_a[role]
    if allowed:
        services.quote_approve(item=item, text="Fine words.", actor=actor)
        services.quote_reject(item=item, actor=actor)
        services.followup_close(item=item, note="Done.", actor=actor)
        return
    with pytest.raises(PermissionDenied):
        services.quote_approve(item=item, text="Fine words.", actor=actor)
    with pytest.raises(PermissionDenied):
        services.quote_reject(item=item, actor=actor)
    with pytest.raises(PermissionDenied):
        services.followup_close(item=item, note="Done.", actor=actor)
    item.refresh_from_db()
    assert item.quote_status == "" and item.follow_up_is_open


def test_a_coordinator_of_another_region_cannot_check_this_councils_quotes(tenant_a):
    elsewhere = user_with_role(
        tenant_a.organisation, Role.COORDINATOR, region=tenant_a.other_region
    )
    item = item_for(tenant_a, consent_to_quote=True)
    with pytest.raises(PermissionDenied):
        services.quote_approve(item=item, text="Fine words.", actor=elsewhere)


def test_only_admins_manage_themes(tenant_a):
    theme = theme_for(tenant_a)
    for role in (Role.COORDINATOR, Role.REP, Role.CHAIR):
        with pytest.raises(PermissionDenied):
            services.theme_create(
                organisation=tenant_a.organisation, name="New", actor=tenant_a[role]
            )
        with pytest.raises(PermissionDenied):
            services.theme_rename(theme=theme, name="New", actor=tenant_a[role])
        with pytest.raises(PermissionDenied):
            services.theme_set_active(theme=theme, is_active=False, actor=tenant_a[role])


def test_planning_needs_the_council(tenant_a):
    outside = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    surgery = surgery_for(tenant_a, date=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(PermissionDenied):
        services.surgery_schedule(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            site=tenant_a.site,
            date=surgery.date,
            starts_at=dt.time(10),
            ends_at=dt.time(12),
            reps=[],
            actor=outside,
        )
    with pytest.raises(PermissionDenied):
        services.surgery_cancel(surgery=surgery, actor=outside)
    with pytest.raises(PermissionDenied):
        services.surgery_cancel(surgery=surgery, actor=tenant_a["chair"])
    surgery.refresh_from_db()
    assert not surgery.is_cancelled


def test_picking_evidence_needs_the_raw_feedback(tenant_a):
    item = item_for(tenant_a)
    with pytest.raises(PermissionDenied):
        services.feedback_selection_add(
            user=tenant_a["chair"], council=tenant_a.council, items=[item]
        )


def test_feedback_from_other_channels_needs_log_permission_on_the_council(tenant_a):
    with pytest.raises(PermissionDenied):
        services.feedback_log(
            organisation=tenant_a.organisation,
            council=tenant_a.council,
            channel="survey",
            theme=theme_for(tenant_a),
            kind="idea",
            said="More evening appointments.",
            actor=tenant_a["manager"],
        )
