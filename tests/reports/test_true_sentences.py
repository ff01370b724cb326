"""Each sentence a document prints is true of the figures it stands on: the
right singular or plural, no claim the figures do not support, and a word
when a date we aimed for has passed."""

from reports.content import FollowThrough, Funnel, Reps
from reports.renderers import QuarterlyReportRenderer
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
