"""The reps' journey: referrals, status history, eligibility decisions,
restricted records (audited reads), check-ins, own details, letters."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.email import email_people
from councils.models import AuditEvent, Role
from members import selectors, services
from members.models import (
    CheckIn,
    EligibilityDecision,
    Letter,
    LicenceCondition,
    Referral,
    RepProfile,
    RepStatusChange,
    SuitabilityDecision,
)
from tests.conftest import TEST_TOTP_SECRET
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def url(tenant, path):
    return f"/{tenant.organisation.slug}/{path}"


def profile_of(tenant) -> RepProfile:
    return RepProfile.objects.get(user=tenant["rep"])


TODAY = timezone.localdate


# ---------------------------------------------------------------- referrals


def test_coordinator_records_a_referral_and_works_the_list(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(
        url(tenant_a, "reps/referrals/new/"),
        {
            "name": "Alex Morgan",
            "council": tenant_a.council.public_id,
            "source": "surgery",
            "how_to_reach": "Text after 4pm",
            "contact_preference": "text",
        },
    )
    referral = Referral.objects.get(name="Alex Morgan")
    assert response.status_code == 302
    assert referral.status == Referral.Status.TO_CONTACT
    assert referral.created_by == tenant_a["coordinator"]
    listing = client.get(url(tenant_a, "reps/referrals/"))
    assert "Alex Morgan" in listing.content.decode()
    client.post(url(tenant_a, f"reps/referrals/{referral.public_id}/"), {"status": "contacted"})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CONTACTED
    assert "Alex Morgan" not in client.get(url(tenant_a, "reps/referrals/")).content.decode()
    event = AuditEvent.objects.get(action="referral.created")
    assert "Alex" not in str(event.changes)


def test_referral_form_says_what_is_missing(tenant_a, client_for):
    client = client_for(tenant_a["coordinator"])
    response = client.post(url(tenant_a, "reps/referrals/new/"), {"name": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_council_coordinator_cannot_refer_to_another_council(tenant_a):
    coordinator = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    with pytest.raises(PermissionDenied):
        services.referral_create(
            organisation=tenant_a.organisation,
            council=tenant_a.other_council,
            name="Kim",
            source="self",
            how_to_reach="Phone",
            actor=coordinator,
        )


# ------------------------------------------------------------------- status


def test_status_changes_keep_a_history_and_the_profile_current(tenant_a):
    profile = profile_of(tenant_a)
    coordinator = tenant_a["coordinator"]
    today = TODAY()
    services.rep_status_change(
        profile=profile,
        status="paused",
        changed_on=today - dt.timedelta(days=10),
        actor=coordinator,
    )
    services.rep_status_change(
        profile=profile, status="active", changed_on=today - dt.timedelta(days=5), actor=coordinator
    )
    services.rep_status_change(
        profile=profile,
        status="moved_on",
        changed_on=today,
        moved_on_to="A college course",
        actor=coordinator,
    )
    profile.refresh_from_db()
    assert profile.status == RepProfile.Status.MOVED_ON
    assert profile.left_on == today
    history = list(RepStatusChange.objects.filter(profile=profile).order_by("changed_on"))
    assert [h.status for h in history] == ["paused", "active", "moved_on"]
    assert all(h.recorded_by == coordinator for h in history)
    assert history[-1].moved_on_to == "A college course"


def test_a_status_change_cannot_go_back_before_the_last(tenant_a):
    profile = profile_of(tenant_a)
    today = TODAY()
    services.rep_status_change(
        profile=profile, status="paused", changed_on=today, actor=tenant_a["coordinator"]
    )
    with pytest.raises(ValidationError):
        services.rep_status_change(
            profile=profile,
            status="active",
            changed_on=today - dt.timedelta(days=1),
            actor=tenant_a["coordinator"],
        )


def test_reps_chairs_and_managers_cannot_change_a_status(tenant_a):
    for role in ("rep", "chair", "manager", "lead"):
        with pytest.raises(PermissionDenied):
            services.rep_status_change(
                profile=profile_of(tenant_a),
                status="paused",
                changed_on=TODAY(),
                actor=tenant_a[role],
            )


# -------------------------------------------------------------- eligibility


def _two_years_before(day):
    try:
        return day.replace(year=day.year - 2)
    except ValueError:
        return dt.date(day.year - 2, 2, 28)


def test_rep_about_to_fall_out_is_listed_until_a_decision_is_recorded(tenant_a, client_for):
    profile = profile_of(tenant_a)
    coordinator = tenant_a["coordinator"]
    today = TODAY()
    services.rep_order_end_record(
        profile=profile,
        order_ends_on=_two_years_before(today) + dt.timedelta(days=20),
        actor=coordinator,
    )
    listed = selectors.reps_falling_out(coordinator, tenant_a.organisation)
    assert [r.pk for r in listed] == [profile.pk]
    page = client_for(coordinator).get(url(tenant_a, "reps/")).content.decode()
    assert str(tenant_a["rep"]) in page
    services.eligibility_decision_record(
        profile=profile, decision="alumni", decided_on=today, actor=coordinator
    )
    profile.refresh_from_db()
    assert profile.status == RepProfile.Status.ALUMNI
    assert EligibilityDecision.objects.get(profile=profile).decision == "alumni"
    assert selectors.reps_falling_out(coordinator, tenant_a.organisation) == []


def test_falling_out_and_past_eligibility_come_from_one_query(tenant_a, django_assert_num_queries):
    coordinator = tenant_a["coordinator"]
    today = TODAY()
    soon, past, recent = (
        user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council).rep_profile
        for _ in range(3)
    )
    for profile, ends_on in (
        (soon, _two_years_before(today) + dt.timedelta(days=20)),
        (past, _two_years_before(today) - dt.timedelta(days=3)),
        (recent, today - dt.timedelta(days=100)),
    ):
        services.rep_order_end_record(profile=profile, order_ends_on=ends_on, actor=coordinator)
    with django_assert_num_queries(1):
        falling_out, past_eligibility = selectors.reps_awaiting_eligibility_decision(
            coordinator, tenant_a.organisation, today
        )
    assert [r.pk for r in falling_out] == [soon.pk]
    assert falling_out[0].eligible_until == today + dt.timedelta(days=20)
    assert [r.pk for r in past_eligibility] == [past.pk]
    assert [
        r.pk for r in selectors.reps_no_longer_eligible(coordinator, tenant_a.organisation)
    ] == [past.pk]


def test_reviews_due_and_check_ins_overdue_come_from_one_query(tenant_a, django_assert_num_queries):
    coordinator = tenant_a["coordinator"]
    today = TODAY()
    long_ago = today - dt.timedelta(days=300)
    review, quiet, seen = (
        user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council).rep_profile
        for _ in range(3)
    )
    RepProfile.objects.filter(pk__in=[review.pk, quiet.pk, seen.pk]).update(
        joined_on=long_ago, status=RepProfile.Status.ACTIVE
    )
    services.suitability_record(
        profile=review,
        decision="deferred",
        decided_on=today - dt.timedelta(days=30),
        review_on=today + dt.timedelta(days=3),
        reason="Reason",
        actor=coordinator,
    )
    services.check_in_record(profile=review, held_on=today, how_it_went="well", actor=coordinator)
    services.check_in_record(profile=seen, held_on=today, how_it_went="well", actor=coordinator)
    services.check_in_record(
        profile=quiet, held_on=today - dt.timedelta(days=90), how_it_went="well", actor=coordinator
    )
    with django_assert_num_queries(1):
        reviews, overdue = selectors.reps_due_a_review_or_check_in(
            coordinator, tenant_a.organisation, today
        )
    assert [(r.pk, r.review_on) for r in reviews] == [(review.pk, today + dt.timedelta(days=3))]
    overdue_here = [r for r in overdue if r.pk in {review.pk, quiet.pk, seen.pk}]
    assert [(r.pk, r.last_check_in) for r in overdue_here] == [
        (quiet.pk, today - dt.timedelta(days=90))
    ]


def test_a_rep_with_a_recent_order_is_not_listed(tenant_a):
    profile = profile_of(tenant_a)
    services.rep_order_end_record(
        profile=profile,
        order_ends_on=TODAY() - dt.timedelta(days=100),
        actor=tenant_a["coordinator"],
    )
    assert selectors.reps_falling_out(tenant_a["coordinator"], tenant_a.organisation) == []


def test_staff_supported_decision_keeps_the_status(tenant_a):
    profile = profile_of(tenant_a)
    services.rep_order_end_record(
        profile=profile, order_ends_on=_two_years_before(TODAY()), actor=tenant_a["coordinator"]
    )
    services.eligibility_decision_record(
        profile=profile,
        decision="staff_supported",
        decided_on=TODAY(),
        actor=tenant_a["coordinator"],
    )
    profile.refresh_from_db()
    assert profile.status == RepProfile.Status.ACTIVE


# ------------------------------------------------------- restricted records


def test_restricted_page_read_is_audited_with_who_and_which_rep(tenant_a, client_for):
    profile = profile_of(tenant_a)
    coordinator = tenant_a["coordinator"]
    response = client_for(coordinator).get(url(tenant_a, f"reps/{profile.public_id}/restricted/"))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="rep.restricted_read")
    assert event.actor == coordinator
    assert event.object_id == profile.public_id
    assert event.organisation == tenant_a.organisation
    assert event.created_at is not None


@pytest.mark.parametrize("role", ["rep", "chair", "lead", "manager", "finance"])
def test_only_coordinators_and_admins_read_restricted_records(tenant_a, client_for, role):
    profile = profile_of(tenant_a)
    response = client_for(tenant_a[role]).get(
        url(tenant_a, f"reps/{profile.public_id}/restricted/")
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="rep.restricted_read").exists()


def test_a_council_coordinator_cannot_read_another_councils_rep(tenant_a, client_for):
    other = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.other_council)
    coordinator = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    TOTP.activate(coordinator, TEST_TOTP_SECRET)
    response = client_for(coordinator).get(
        url(tenant_a, f"reps/{other.rep_profile.public_id}/restricted/")
    )
    assert response.status_code == 403


def test_suitability_deferred_needs_a_review_date_and_shows_as_due(tenant_a, client_for):
    profile = profile_of(tenant_a)
    coordinator = tenant_a["coordinator"]
    client = client_for(coordinator)
    path = url(tenant_a, f"reps/{profile.public_id}/suitability/")
    response = client.post(path, {"decision": "deferred", "decided_on": TODAY().isoformat()})
    assert response.status_code == 200
    assert "Enter the date to review a deferred decision." in response.content.decode()
    response = client.post(
        path,
        {
            "decision": "deferred",
            "decided_on": TODAY().isoformat(),
            "review_on": (TODAY() + dt.timedelta(days=3)).isoformat(),
            "reason": "Starting a course first",
        },
    )
    assert response.status_code == 302
    decision = SuitabilityDecision.objects.get(profile=profile)
    assert decision.recorded_by == coordinator
    due = selectors.suitability_reviews_due(coordinator, tenant_a.organisation)
    assert [r.pk for r in due] == [profile.pk]
    # A later "ready" decision clears the review.
    services.suitability_record(
        profile=profile, decision="ready", decided_on=TODAY(), actor=coordinator
    )
    assert selectors.suitability_reviews_due(coordinator, tenant_a.organisation) == []


def test_check_ins_overdue_after_eight_weeks(tenant_a):
    profile = profile_of(tenant_a)
    coordinator = tenant_a["coordinator"]
    today = TODAY()
    RepProfile.objects.filter(pk=profile.pk).update(joined_on=today - dt.timedelta(days=300))
    assert [r.pk for r in selectors.check_ins_overdue(coordinator, tenant_a.organisation)] == [
        profile.pk
    ]
    services.check_in_record(
        profile=profile,
        held_on=today - dt.timedelta(weeks=8, days=-1),
        how_it_went="well",
        actor=coordinator,
    )
    assert selectors.check_ins_overdue(coordinator, tenant_a.organisation) == []
    CheckIn.objects.update(held_on=today - dt.timedelta(weeks=8))
    assert len(selectors.check_ins_overdue(coordinator, tenant_a.organisation)) == 1


def test_planning_warns_a_coordinator_of_a_reps_limit_not_a_rep(tenant_a):
    profile = profile_of(tenant_a)
    services.licence_condition_add(
        profile=profile, kind="not_site", site=tenant_a.site, actor=tenant_a["coordinator"]
    )
    kwargs = dict(council=tenant_a.council, site=tenant_a.site, reps=[tenant_a["rep"]], on=TODAY())
    warnings = services.surgery_limit_warnings(actor=tenant_a["coordinator"], **kwargs)
    assert len(warnings) == 1 and tenant_a.site.name in warnings[0]
    assert AuditEvent.objects.filter(action="rep.restricted_read").count() == 1
    assert services.surgery_limit_warnings(actor=tenant_a["rep"], **kwargs) == []
    other_site = dict(kwargs, site=None)
    assert services.surgery_limit_warnings(actor=tenant_a["coordinator"], **other_site) == []


def test_a_condition_names_the_site_it_rules_out(tenant_a):
    with pytest.raises(ValidationError):
        services.licence_condition_add(
            profile=profile_of(tenant_a), kind="not_site", actor=tenant_a["coordinator"]
        )
    assert not LicenceCondition.objects.exists()


# -------------------------------------------------------- their own details


def test_my_details_shows_what_is_held_and_that_restricted_records_exist(tenant_a, client_for):
    profile = profile_of(tenant_a)
    services.check_in_record(
        profile=profile,
        held_on=TODAY(),
        how_it_went="some_worries",
        notes="Worried about the bus fare",
        actor=tenant_a["coordinator"],
    )
    page = client_for(tenant_a["rep"]).get(url(tenant_a, "my-details/")).content.decode()
    assert str(tenant_a.council) in page
    assert "notes from 1 check-in" in page
    assert "Worried about the bus fare" not in page


def test_rep_corrects_diversity_answers_and_contact_details(tenant_a, client_for):
    client = client_for(tenant_a["rep"])
    form = client.get(url(tenant_a, "my-details/change/")).content.decode()
    assert form.count("Prefer not to say") == 3
    response = client.post(
        url(tenant_a, "my-details/change/"),
        {
            "gender": "not_said",
            "age_band": "25-34",
            "ethnicity": "",
            "contact_preference": "post",
            "address": "1 High Street\nNorthmoor",
            "access_needs": ["large_print"],
        },
    )
    assert response.status_code == 302
    profile = profile_of(tenant_a)
    assert (profile.gender, profile.age_band, profile.ethnicity) == ("not_said", "25-34", "")
    assert profile.contact_preference == "post"
    assert profile.access_needs == ["large_print"]
    event = AuditEvent.objects.get(action="rep.own_details_changed")
    assert "25-34" not in str(event.changes)


def test_post_needs_an_address(tenant_a, client_for):
    response = client_for(tenant_a["rep"]).post(
        url(tenant_a, "my-details/change/"), {"contact_preference": "post"}
    )
    assert response.status_code == 200
    assert "Enter your address" in response.content.decode()


# ------------------------------------------------------------------ letters


def test_a_rep_who_prefers_post_gets_a_letter_not_an_email(tenant_a, mailoutbox):
    rep = tenant_a["rep"]
    rep.email = "rep@example.org"
    rep.save(update_fields=["email"])
    RepProfile.objects.filter(user=rep).update(contact_preference="post")
    sent = email_people(
        people=[rep, tenant_a["chair"]],
        subject="A decision",
        template="members/email/invitation.txt",
        context={"organisation": tenant_a.organisation, "link": "x", "user": rep},
    )
    assert sent == 1
    assert [m.to for m in mailoutbox] == [[tenant_a["chair"].email]]
    letter = Letter.objects.get(person=rep)
    assert letter.subject == "A decision"
    listed = selectors.letters_to_post(tenant_a["coordinator"], tenant_a.organisation)
    assert [item.pk for item in listed] == [letter.pk]
    assert services.letter_mark_posted(letter=letter, actor=tenant_a["coordinator"])
    assert not services.letter_mark_posted(letter=letter, actor=tenant_a["coordinator"])
    assert selectors.letters_to_post(tenant_a["coordinator"], tenant_a.organisation) == []


def test_reps_home_query_count_does_not_grow_with_reps(
    tenant_a, client_for, django_assert_max_num_queries
):
    client = client_for(tenant_a["coordinator"])
    for _ in range(3):
        user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
    # 11: the view's audit event raises the audit log's number
    # (councils.freshness), one statement more than before.
    with django_assert_max_num_queries(11):
        client.get(url(tenant_a, "reps/"))
    for _ in range(10):
        rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
        services.check_in_record(
            profile=rep.rep_profile,
            held_on=TODAY(),
            how_it_went="well",
            actor=tenant_a["coordinator"],
        )
    with django_assert_max_num_queries(11):
        response = client.get(url(tenant_a, "reps/"))
    assert response.status_code == 200


def test_the_reps_page_audits_each_rep_it_names_from_restricted_records(tenant_a, client_for):
    profile = profile_of(tenant_a)
    RepProfile.objects.filter(pk=profile.pk).update(joined_on=TODAY() - dt.timedelta(days=300))
    response = client_for(tenant_a["coordinator"]).get(url(tenant_a, "reps/"))
    assert str(tenant_a["rep"]) in response.content.decode()
    # One event for the page view: who, when, and which reps each list named.
    event = AuditEvent.objects.get(action="rep.restricted_listed")
    assert event.actor == tenant_a["coordinator"]
    assert event.organisation == tenant_a.organisation
    assert event.changes == {"listed": {profile.public_id: ["check-ins due"]}}
    # Searching the audit log for the rep finds the page view that listed them.
    log = client_for(tenant_a["admin"]).get(url(tenant_a, f"audit/?object_id={profile.public_id}"))
    assert "rep.restricted_listed" in log.content.decode()


def test_the_reps_page_refuses_a_list_naming_a_rep_the_person_may_not_read(tenant_a):
    inside = profile_of(tenant_a)
    elsewhere = user_with_role(
        tenant_a.organisation, Role.REP, council=tenant_a.other_council
    ).rep_profile
    coordinator = user_with_role(tenant_a.organisation, Role.COORDINATOR, council=tenant_a.council)
    services.restricted_records_listed(
        organisation=tenant_a.organisation, actor=coordinator, lists={"reviews due": [inside]}
    )
    with pytest.raises(PermissionDenied):
        services.restricted_records_listed(
            organisation=tenant_a.organisation,
            actor=coordinator,
            lists={"reviews due": [inside], "check-ins due": [elsewhere]},
        )
    assert AuditEvent.objects.filter(action="rep.restricted_listed").count() == 1


def test_reps_home_costs_the_same_however_many_reps_are_due_a_check_in(
    tenant_a, client_for, django_assert_max_num_queries, settings
):
    """Each rep named on the "check-ins due" list is an audited read; the
    page view is one audit event, not one each (236 queries for 110 reps on
    the national data set before, then 110 rows a view). Counted as the page
    is built afresh (a repeat view reuses its rows)."""
    settings.FRESH_SECONDS = 0
    client = client_for(tenant_a["coordinator"])
    long_ago = TODAY() - dt.timedelta(days=300)

    def add_reps_due(n):
        for _ in range(n):
            rep = user_with_role(tenant_a.organisation, Role.REP, council=tenant_a.council)
            RepProfile.objects.filter(pk=rep.rep_profile.pk).update(joined_on=long_ago)

    add_reps_due(2)
    client.get(url(tenant_a, "reps/"))
    with django_assert_max_num_queries(11) as few:
        client.get(url(tenant_a, "reps/"))
    add_reps_due(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(tenant_a, "reps/"))
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="rep.restricted_listed").first()
    assert len(event.changes["listed"]) >= 2 + 10
