"""Demo themes, surgeries and feedback.

Every demo council gets surgeries over the last two quarters with believable,
anonymous feedback drawn from the field's documents (DOMAIN.md), a few items
from other channels, some approved quotes and a couple of open safeguarding
follow-ups; reps get a surgery today (or on the last working day) and one
next week.

Believable in time as well: surgeries fall on working days (no weekends, no
bank holidays), each item was logged on its own day (during its surgery's
hours), not when the demo was loaded, and a coordinator checked quotes and
closed follow-ups on later working days. The same words are approved as a
quote once in a council: the pool of words is small, and a document or a
proposal's evidence should not print one quote twice.

Idempotent: the history of a council is made once (its items carry demo
submission tokens); today's and next week's surgeries are get_or_create.
Deterministic: random.Random seeded with the council's slug.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from councils.workdays import is_working_day, working_day_on_or_after, working_day_on_or_before

DEFAULT_THEMES = [
    "Appointments and officers",
    "Reception and buildings",
    "Induction and information",
    "Housing and accommodation",
    "Employment, training and education",
    "Health and mental health",
    "Drugs and alcohol",
    "Money and benefits",
    "Unpaid work",
    "Through the gate",
    "Women",
    "Communication",
    "Other",
]

PROBLEM, GOOD, IDEA = "problem", "positive", "idea"

# (theme, kind, what they said, what they suggest)
FEEDBACK = [
    (
        "Appointments and officers",
        PROBLEM,
        "I keep getting a new officer and have to tell my whole story again. It sets me back "
        "every time.",
        "Officers should read the case before the first appointment.",
    ),
    (
        "Appointments and officers",
        PROBLEM,
        "I got warned for being 15 minutes late, but last week I waited 40 minutes for my "
        "officer and nobody said sorry.",
        "The ten minute rule should apply both ways.",
    ),
    (
        "Appointments and officers",
        PROBLEM,
        "My appointment lasted two minutes. Hello, how are you, and that's it. It feels like a "
        "waste of a bus fare.",
        "Fewer but longer appointments, where you actually talk.",
    ),
    (
        "Appointments and officers",
        GOOD,
        "My officer listens and rings back when she says she will. That makes a big difference.",
        "",
    ),
    (
        "Appointments and officers",
        IDEA,
        "All the appointments are in working hours, so I have to take time off my new job.",
        "One evening a month for people who work.",
    ),
    (
        "Reception and buildings",
        PROBLEM,
        "The reception staff talk to you like you're nothing. They shout your name across the "
        "room.",
        "Customer service training for everyone on the front desk.",
    ),
    (
        "Reception and buildings",
        PROBLEM,
        "There's no water in reception. I saw a man drinking out of the tap with his hands.",
        "A water cooler and cups in the waiting area.",
    ),
    (
        "Reception and buildings",
        PROBLEM,
        "Everyone in the waiting room can hear what you say at the front desk.",
        "Somewhere private to speak to reception.",
    ),
    (
        "Reception and buildings",
        IDEA,
        "The TV in reception just shows adverts.",
        "Use the screen to show what the council has changed.",
    ),
    (
        "Reception and buildings",
        PROBLEM,
        "The waiting room is freezing and there's nothing to read while you wait.",
        "Fix the heating and put some leaflets and papers out.",
    ),
    (
        "Induction and information",
        PROBLEM,
        "At induction I got a pile of papers and didn't understand half of it.",
        "A short induction in plain English, with a rep there to explain.",
    ),
    (
        "Induction and information",
        PROBLEM,
        "I didn't know what my sentence plan meant until month three.",
        "A simple leaflet that explains the sentence plan.",
    ),
    (
        "Induction and information",
        GOOD,
        "The Little Book of Numbers is brilliant. I found the food bank through it.",
        "",
    ),
    (
        "Induction and information",
        IDEA,
        "Let us fill in an About Me form once, so we stop repeating ourselves to every new worker.",
        "An About Me form that goes on the file.",
    ),
    (
        "Housing and accommodation",
        PROBLEM,
        "I lost my flat while I was inside and nobody helped me find somewhere before I got out.",
        "Start housing plans well before release.",
    ),
    (
        "Housing and accommodation",
        PROBLEM,
        "Old debts from years ago stop me getting on the housing list.",
        "Someone who knows the housing system and can help sort it out.",
    ),
    (
        "Housing and accommodation",
        IDEA,
        "Officers don't know much about housing rights, so we get sent round in circles.",
        "An accommodation champion in every office.",
    ),
    (
        "Employment, training and education",
        PROBLEM,
        "I've got my CSCS card and a forklift licence but nobody gives me a start without "
        "experience.",
        "Links with real employers who will give people a chance.",
    ),
    (
        "Employment, training and education",
        IDEA,
        "Unpaid work could teach you something you can put on a CV.",
        "Give a certificate for skills learned on unpaid work.",
    ),
    (
        "Health and mental health",
        PROBLEM,
        "My officer didn't understand my medication or my anxiety.",
        "Mental health training for officers, made with people who have been through it.",
    ),
    (
        "Health and mental health",
        PROBLEM,
        "The waiting list for counselling is months long and nobody checks in while you wait.",
        "A check-in call while people are on the waiting list.",
    ),
    (
        "Drugs and alcohol",
        PROBLEM,
        "When my order finished the support stopped, and that's when I started drinking again.",
        "Support that carries on for a while after the order ends.",
    ),
    (
        "Drugs and alcohol",
        GOOD,
        "Peer mentors who've been through it helped me more than anything else.",
        "",
    ),
    (
        "Money and benefits",
        PROBLEM,
        "I have to ring the office loads and I have no credit on my phone.",
        "A free number to call, or text reminders.",
    ),
    (
        "Money and benefits",
        PROBLEM,
        "The bus fare to appointments is a lot when you're on Universal Credit.",
        "Help with travel costs for appointments.",
    ),
    (
        "Unpaid work",
        GOOD,
        "The supervisors on my unpaid work project treat us with respect.",
        "",
    ),
    (
        "Unpaid work",
        PROBLEM,
        "The unpaid work site changes at the last minute and nobody tells you.",
        "Send a text when the site changes.",
    ),
    (
        "Through the gate",
        PROBLEM,
        "I didn't know who my probation officer was until the day I got out.",
        "A postcard into prison: this is your officer, we know you are there.",
    ),
    (
        "Through the gate",
        GOOD,
        "Being seen in my last 12 weeks inside made all the difference when I got out.",
        "",
    ),
    (
        "Communication",
        PROBLEM,
        "The label they put on us in the letters makes me feel like that's all I am.",
        "Say 'person on probation' on letters and signs.",
    ),
    (
        "Communication",
        PROBLEM,
        "Letters come with no notice and I've missed appointments because of the post.",
        "Text reminders the day before.",
    ),
    (
        "Communication",
        PROBLEM,
        "Nobody ever tells us what happened to the things we said.",
        "A You Said, We Did board in reception.",
    ),
    (
        "Other",
        IDEA,
        "The office is never open at the weekend, which is hard when you work.",
        "Open on Saturday mornings.",
    ),
    (
        "Other",
        GOOD,
        "The one-stop shop meant I saw housing, benefits and my officer in one morning.",
        "",
    ),
]

WOMEN_FEEDBACK = [
    (
        "Women",
        PROBLEM,
        "I don't feel safe in a waiting room full of men.",
        "Women-only reporting days, or reporting at the women's centre.",
    ),
    (
        "Women",
        PROBLEM,
        "Childcare makes appointments really hard. I nearly missed one because of the school run.",
        "Appointments in school hours.",
    ),
    (
        "Women",
        GOOD,
        "The women's centre feels like a safe space. I can actually talk here.",
        "",
    ),
    (
        "Housing and accommodation",
        PROBLEM,
        "There are hardly any hostel places for women, so you end up miles from your kids.",
        "More hostel places for women, nearer home.",
    ),
    (
        "Women",
        IDEA,
        "It would help to have a female officer to talk to about some things.",
        "Let women ask for a female officer.",
    ),
]

SAFEGUARDING = [
    (
        "Housing and accommodation",
        PROBLEM,
        "Said they have nowhere safe to stay tonight and are scared to go back where they were.",
        "Needs to speak to someone today.",
    ),
    (
        "Health and mental health",
        PROBLEM,
        "Said they have been feeling very low and do not feel safe at the moment.",
        "Asked for help to talk to someone.",
    ),
]

DECLINED_REASONS = [
    "In a hurry",
    "Did not want to talk today",
    "Called in for their appointment",
    "Said maybe next time",
]

OTHER_CHANNELS = ["hub", "suggestion_box", "survey", "phone", "third_party"]
BANDS = {
    "gender": ["woman", "man", "man", "not_said", ""],
    "age_band": ["18-24", "25-34", "35-49", "50+", "", ""],
    "ethnicity": ["white", "white", "black", "asian", "mixed", "", ""],
    "order_type": ["community_order", "licence", "suspended", "pss", "", ""],
}


def _moment(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


def _time_between(rng: random.Random, starts: dt.time, ends: dt.time) -> dt.time:
    """A minute from ``starts`` up to (not including) ``ends``."""
    first = starts.hour * 60 + starts.minute
    last = ends.hour * 60 + ends.minute
    minute = rng.randrange(first, max(last, first + 1))
    return dt.time(minute // 60, minute % 60)


def _later_working_day(rng: random.Random, day: dt.date, today: dt.date) -> dt.date:
    """A working day a few days after ``day``, and before today."""
    later = working_day_on_or_after(day + dt.timedelta(days=rng.randrange(2, 10)))
    return min(later, working_day_on_or_before(today - dt.timedelta(days=1)))


def _quote_words(text: str) -> str:
    return " ".join(text.lower().split())


def seed(context: dict) -> None:
    from councils.models import Council

    from .models import Theme

    for org in context["organisations"]:
        for position, name in enumerate(DEFAULT_THEMES):
            Theme.objects.get_or_create(
                organisation=org, name=name, defaults={"position": position}
            )
        themes = {t.name: t for t in Theme.objects.filter(organisation=org)}
        prefix = "nm" if org.slug == "northmoor" else "sf"
        coordinator = context.get("people", {}).get(f"{prefix}-coordinator")
        for council in Council.objects.filter(organisation=org, is_active=True).order_by("slug"):
            _seed_council(council, themes, coordinator)


def _council_sites(council):
    from councils.models import Site

    sites = list(Site.objects.filter(organisation=council.organisation, region=council.region))
    women = [s for s in sites if s.kind == Site.Kind.WOMENS_CENTRE]
    if council.kind == council.Kind.COHORT and women:
        return women
    return [s for s in sites if s.kind != Site.Kind.WOMENS_CENTRE] or sites


def _council_reps(council):
    from councils.models import Role, RoleAssignment
    from members.models import User

    ids = RoleAssignment.objects.filter(council=council, role=Role.REP).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("username"))


def _seed_council(council, themes, coordinator) -> None:
    from .models import FeedbackItem, Surgery

    sites = _council_sites(council)
    if not sites:
        return
    reps = _council_reps(council)
    today = timezone.localdate()
    # A surgery today and one next week, for the reps to try the logging page;
    # on a weekend or bank holiday, "today" is the last working day.
    if reps:
        for day, starts in (
            (working_day_on_or_before(today), dt.time(10, 0)),
            (working_day_on_or_after(today + dt.timedelta(days=8)), dt.time(13, 30)),
        ):
            surgery, created = Surgery.objects.get_or_create(
                organisation=council.organisation,
                council=council,
                site=sites[0],
                date=day,
                starts_at=starts,
                defaults={
                    "ends_at": (dt.datetime.combine(today, starts) + dt.timedelta(hours=2)).time(),
                    "created_by": coordinator,
                    "notes": "Ask at reception for the interview room.",
                },
            )
            if created:
                surgery.reps.set(reps[:2])
                # Planned a week or two before, on a working day.
                planned = working_day_on_or_before(min(day - dt.timedelta(days=14), today))
                Surgery.objects.filter(pk=surgery.pk).update(
                    created_at=_moment(planned, dt.time(9, 30))
                )
    token_prefix = f"demo-{council.organisation.slug}-{council.slug}-"
    if FeedbackItem.objects.filter(submission_token__startswith=token_prefix).exists():
        return
    _seed_history(council, sites, reps, themes, coordinator, token_prefix)


def _seed_history(council, sites, reps, themes, coordinator, token_prefix) -> None:
    from .models import FeedbackItem, Surgery

    rng = random.Random(f"said-and-done-{council.organisation.slug}-{council.slug}")
    # Times of day come from their own sequence, so the rest of the story
    # (which words, which surgery) does not change with them.
    clock = random.Random(f"said-and-done-clock-{council.organisation.slug}-{council.slug}")
    today = timezone.localdate()
    this_quarter = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    start = (this_quarter - dt.timedelta(days=1)).replace(day=1)
    start = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)  # last quarter's first day
    pool = FEEDBACK + (WOMEN_FEEDBACK * 3 if council.kind == council.Kind.COHORT else [])
    loggers = reps or ([coordinator] if coordinator else [])
    counter = 0
    approved_words: set[str] = set()

    def make_item(**kwargs) -> FeedbackItem:
        nonlocal counter
        counter += 1
        theme_name, kind, said, suggestion = kwargs.pop("text")
        consent = kwargs.pop("consent", rng.random() < 0.5)
        surgery = kwargs.get("surgery")
        if surgery is not None:
            logged = _moment(surgery.date, _time_between(clock, surgery.starts_at, surgery.ends_at))
        else:
            logged = _moment(
                kwargs["received_on"], _time_between(clock, dt.time(9, 0), dt.time(17, 0))
            )
        item = FeedbackItem(
            organisation=council.organisation,
            council=council,
            theme=themes[theme_name],
            kind=kind,
            said=said,
            suggestion=suggestion,
            consent_to_quote=consent,
            logged_by=rng.choice(loggers) if loggers else None,
            submission_token=f"{token_prefix}{counter}",
            **{name: rng.choice(values) for name, values in BANDS.items()},
            **kwargs,
        )
        if council.kind == council.Kind.COHORT:
            item.gender = "woman"
        # Coordinators have checked some of the older quotes, a few days
        # after they were heard; the same words are approved once.
        if (
            consent
            and item.received_on < today - dt.timedelta(days=21)
            and rng.random() < 0.6
            and _quote_words(said) not in approved_words
        ):
            approved_words.add(_quote_words(said))
            item.quote_status = FeedbackItem.QuoteStatus.APPROVED
            item.approved_quote = said
            item.quote_reviewed_at = _moment(
                _later_working_day(clock, item.received_on, today), dt.time(11, 0)
            )
            item.quote_reviewed_by = coordinator
        item.save()
        # Logged on its own day, not when the demo was loaded.
        FeedbackItem.objects.filter(pk=item.pk).update(created_at=logged, updated_at=logged)
        item.created_at = item.updated_at = logged
        return item

    day = start + dt.timedelta(days=rng.randrange(3, 8))
    surgeries = []
    while day < today:
        if not is_working_day(day):
            day += dt.timedelta(days=1)
            continue
        site = rng.choice(sites)
        approached = rng.randrange(8, 22)
        engaged = rng.randrange(approached // 3, approached * 3 // 4 + 1)
        declined = rng.randrange(0, approached - engaged + 1)
        reasons = rng.sample(DECLINED_REASONS, k=min(declined, rng.randrange(0, 3)))
        surgery = Surgery.objects.create(
            organisation=council.organisation,
            council=council,
            site=site,
            date=day,
            starts_at=dt.time(rng.choice([10, 11, 13, 14]), rng.choice([0, 30])),
            ends_at=dt.time(16, 0),
            people_approached=approached,
            people_engaged=engaged,
            people_declined=declined,
            declined_reasons="\n".join(reasons),
            created_by=coordinator,
        )
        surgery.reps.set(reps[:2])
        planned = working_day_on_or_before(day - dt.timedelta(days=14))
        Surgery.objects.filter(pk=surgery.pk).update(created_at=_moment(planned, dt.time(9, 30)))
        surgeries.append(surgery)
        for text in rng.sample(pool, k=min(len(pool), rng.randrange(3, 7))):
            make_item(
                text=text,
                surgery=surgery,
                site=site,
                channel=FeedbackItem.Channel.SURGERY,
                received_on=day,
            )
        day += dt.timedelta(days=rng.randrange(10, 18))

    # Feedback from other channels: hub discussions, the suggestion box...
    for _ in range(6):
        received = start + dt.timedelta(days=rng.randrange(0, (today - start).days))
        # Read out or opened on a working day, before today.
        received = working_day_on_or_after(received)
        if received >= today:
            received = working_day_on_or_before(today - dt.timedelta(days=1))
        make_item(
            text=rng.choice(pool),
            channel=rng.choice(OTHER_CHANNELS),
            site=rng.choice(sites) if rng.random() < 0.5 else None,
            received_on=received,
        )

    # Follow-ups: one signposted and closed, one signposted and open.
    if surgeries:
        older, recent = surgeries[0], surgeries[-1]
        closed = make_item(
            text=rng.choice([f for f in FEEDBACK if f[0] == "Housing and accommodation"]),
            surgery=older,
            site=older.site,
            channel=FeedbackItem.Channel.SURGERY,
            received_on=older.date,
            follow_up=FeedbackItem.FollowUp.SIGNPOSTED,
            consent=False,
        )
        # Closed when the rep checked in, at the next surgery.
        checked_in = surgeries[1] if len(surgeries) > 1 else older
        closed.follow_up_closed_at = _moment(checked_in.date, checked_in.ends_at)
        closed.follow_up_closed_by = coordinator
        closed.follow_up_note = (
            "Given the housing advice drop-in times. Rep checked in at the next surgery."
        )
        closed.save(update_fields=["follow_up_closed_at", "follow_up_closed_by", "follow_up_note"])
        make_item(
            text=rng.choice([f for f in FEEDBACK if f[0] == "Money and benefits"]),
            surgery=recent,
            site=recent.site,
            channel=FeedbackItem.Channel.SURGERY,
            received_on=recent.date,
            follow_up=FeedbackItem.FollowUp.SIGNPOSTED,
            consent=False,
        )
    # A couple of open safeguarding concerns, in the first council of each
    # kind, for coordinators to see and close.
    if surgeries and council.slug in {"ashford-vale", "northmoor-women", "fenmouth"}:
        recent = surgeries[-1]
        text = SAFEGUARDING[0] if council.kind != council.Kind.COHORT else SAFEGUARDING[1]
        make_item(
            text=text,
            surgery=recent,
            site=recent.site,
            channel=FeedbackItem.Channel.SURGERY,
            received_on=recent.date,
            follow_up=FeedbackItem.FollowUp.SAFEGUARDING,
            consent=False,
        )
