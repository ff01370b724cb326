"""Each sentence a document prints is true of the figures it stands on: the
right singular or plural, no claim the figures do not support, and a word
when a date we aimed for has passed."""

import datetime as dt

from reports.content import FollowThrough, Funnel, ProposalOutcome, Reps
from reports.renderers import QuarterlyReportRenderer, YouSaidWeDidRenderer
from tests.reports import samples
from tests.reports.pdftext import pdf_text, says


def quarterly_text(**overrides) -> str:
    return pdf_text(QuarterlyReportRenderer(samples.quarterly(**overrides)).render())


def test_counts_of_one_are_singular_in_the_quarterly_report():
    text = quarterly_text(
        funnel=Funnel(
            raised=1,
            presented=1,
            accepted=1,
            implemented=0,
            decided_count=1,
            implemented_count_for_median=1,
        ),
        follow_through=FollowThrough(
            open_actions=1, overdue_actions=1, open_implementations=1, overdue_updates=1
        ),
        reps=Reps(active=12, new=1, trained=1, moved_on=1, left=1),
    )
    assert says(text, "1 accepted proposal is waiting for an update")
    assert says(text, "1 of 1 open action point was past its due date")
    assert says(text, "1 raised")
    assert not says(text, "1 accepted proposals")
    assert not says(text, "1 open action points")


def test_counts_of_many_stay_plural():
    text = quarterly_text()
    assert says(text, "2 accepted proposals are waiting for an update")
    assert says(text, "3 of 10 open action points were past their due date")


def test_summary_tiles_say_one_thing_in_the_singular():
    text = quarterly_text(
        funnel=Funnel(raised=1, presented=1, accepted=1, implemented=0),
        follow_through=FollowThrough(open_actions=1, overdue_actions=1),
    )
    assert says(text, "1 proposal presented")
    assert says(text, "1 overdue action point")
    assert not says(text, "1 proposals presented")


def booklet_text(**overrides) -> str:
    return pdf_text(YouSaidWeDidRenderer(samples.you_said_we_did(**overrides)).render())


def test_booklet_never_claims_every_idea_was_agreed_when_one_was_deferred():
    deferred = ProposalOutcome(
        "Evening appointments",
        "Day appointments clash with work.",
        "The council will look at this again in January 2027.",
        deferred=True,
    )
    text = booklet_text(could_not=[], in_progress=[deferred])
    assert not says(text, "was agreed")
    assert says(text, "We put off deciding on 1 idea until later")


def test_booklet_with_nothing_turned_down_and_nothing_deferred_says_only_that():
    text = booklet_text(could_not=[])
    assert not says(text, "was agreed")
    assert not says(text, "put off deciding")
    assert says(text, "We did not turn down any idea in this time.")


def test_a_target_date_passed_by_the_end_of_the_period_is_late():
    # samples.QUARTER is April to June 2025.
    late = ProposalOutcome(
        "Officers read your case first",
        "You had to retell your story.",
        "The council agreed to this in January 2025. We aim to finish by May 2025.",
        target_date=dt.date(2025, 5, 1),
    )
    on_time = ProposalOutcome(
        "Water in reception",
        "There was no water.",
        "The council agreed to this in June 2025. We aim to finish by August 2025.",
        target_date=dt.date(2025, 8, 1),
    )
    text = booklet_text(in_progress=[late, on_time])
    assert says(text, "We aim to finish by May 2025. This is late.")
    assert not says(text, "We aim to finish by August 2025. This is late.")


def test_the_selector_passes_on_what_makes_a_sentence_late_or_deferred():
    """The booklet's "This is late." and the deferred sentence stand on
    these two fields, which the selector must fill from the proposal."""
    from proposals.models import ProposalStatus
    from reports.selectors.outcomes import in_progress_outcome

    row = {
        "title": "A private room",
        "problem": "",
        "status_then": ProposalStatus.IN_PROGRESS,
        "target_date": dt.date(2026, 10, 31),
        "decided_at": None,
        "theme__name": "Reception",
        "published_decision__reason": "",
        "published_decision__changes_required": "",
        "published_decision__deferred_to": None,
    }
    late = in_progress_outcome(row)
    assert late.target_date == dt.date(2026, 10, 31)
    assert late.is_late_on(dt.date(2026, 12, 1))
    assert not late.deferred
    deferred = in_progress_outcome({**row, "status_then": ProposalStatus.DEFERRED})
    assert deferred.deferred
    assert deferred.target_date is None


def test_no_rise_on_last_quarter_when_last_quarter_has_no_data():
    from reports.content import Comparison

    text = quarterly_text(
        feedback_by_theme=[Comparison("Housing", 36, 0), Comparison("Reception", 4, 0)]
    )
    assert not says(text, "up 36 on last quarter")
    assert not says(text, "up 40 on last quarter")
    assert not says(text, "nothing to compare with on last quarter")
    assert not says(text, "rose most")
    assert says(text, "none last quarter")


def test_key_points_with_nothing_open_and_few_reps_read_as_sentences():
    text = quarterly_text(
        follow_through=FollowThrough(open_actions=0, overdue_actions=0, overdue_updates=0),
        reps=Reps(active=3, new=0, trained=0, moved_on=0, left=0),
    )
    assert says(text, "No action points were open on 30 June 2025.")
    assert says(text, "No accepted proposal is waiting for an update.")
    assert not says(text, "0 of 0 open")
    assert says(text, "Fewer than 5 reps were active on 30 June 2025")


def test_a_quarter_in_progress_says_the_day_its_figures_reach_not_the_quarters_end():
    """Issue 9: a report for the quarter so far must not speak of "the end
    of the quarter": its figures run to today."""
    from councils.periods import Period

    so_far = Period(dt.date(2025, 4, 1), dt.date(2025, 5, 14), "1 April to 14 May 2025, so far")
    text = quarterly_text(
        period=so_far,
        follow_through=FollowThrough(open_actions=0, overdue_actions=0, overdue_updates=0),
    )
    assert says(text, "No action points were open on 14 May 2025.")
    assert not says(text, "end of the quarter")
