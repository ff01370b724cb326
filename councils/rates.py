"""Rates with their numerator and denominator, never a bare percentage.

"92% accepted" means nothing without "23 of 25 presented": every share the
product prints keeps both numbers, and says so when there is nothing to
divide by yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Rate:
    """A share such as accepted ÷ presented, with what each number counts."""

    numerator: int
    denominator: int
    numerator_label: str = ""
    denominator_label: str = ""

    @property
    def percent(self) -> int | None:
        if not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator)

    @property
    def percent_text(self) -> str:
        """'92%', or 'no figure yet' when nothing has been counted."""
        if self.percent is None:
            return _("no figure yet")
        return f"{self.percent}%"

    @property
    def fraction_text(self) -> str:
        """'23 of 25'."""
        return _("%(part)s of %(whole)s") % {
            "part": f"{self.numerator:,}",
            "whole": f"{self.denominator:,}",
        }

    @property
    def explained(self) -> str:
        """'23 accepted out of 25 presented'."""
        return _("%(part)s %(part_label)s out of %(whole)s %(whole_label)s") % {
            "part": f"{self.numerator:,}",
            "part_label": self.numerator_label,
            "whole": f"{self.denominator:,}",
            "whole_label": self.denominator_label,
        }

    def __str__(self) -> str:
        """'92% (23 of 25)'; '0 of 0' when there is nothing to divide by."""
        if self.percent is None:
            return self.fraction_text
        return f"{self.percent_text} ({self.fraction_text})"
