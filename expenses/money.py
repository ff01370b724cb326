"""Money as whole pence. Typed amounts are parsed with Decimal, never float,
and shown as pounds with two decimals computed from the pence."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# No single cost a rep pays out of pocket comes near this; a bigger number is
# almost always a typing slip (12500 for 125.00).
LINE_MAX_PENCE = 100_000
MILES_MAX = Decimal("1000")

# The National Living Wage (the legal minimum for workers aged 21 and over)
# from 1 April 2025: £12.21 an hour. Source: GOV.UK, "National Minimum Wage
# and National Living Wage rates". It changes every April: update this number,
# and this comment, when the new rate is announced.
NATIONAL_LIVING_WAGE_PENCE = 1221
HOURS_MAX = Decimal("24")
# A council's budget for a year: far above any real one, to catch a slip.
BUDGET_MAX_PENCE = 100_000_000


def pence_from_text(text: str, *, max_pence: int = LINE_MAX_PENCE) -> int:
    """'12', '12.5', '£12.50' or '1,012.50' → pence. Raises ValidationError."""
    cleaned = (text or "").strip().replace("£", "").replace(",", "").strip()
    if not cleaned:
        raise ValidationError(_("Enter the amount, for example 4.50."), code="required")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            _("Enter the amount in pounds and pence, for example 4.50."), code="invalid"
        ) from None
    if not value.is_finite():
        raise ValidationError(_("Enter the amount in pounds and pence, for example 4.50."))
    if value < 0:
        raise ValidationError(_("The amount cannot be less than 0."), code="negative")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("Enter the amount with no more than 2 numbers after the point."))
    pence = int(value * 100)
    if pence > max_pence and max_pence != LINE_MAX_PENCE:
        raise ValidationError(
            _("The amount must be %(max)s or less. Check you have typed it correctly.")
            % {"max": money(max_pence)},
            code="too_large",
        )
    if pence > max_pence:
        raise ValidationError(
            _("The amount must be £1,000 or less. Check you have typed it correctly."),
            code="too_large",
        )
    return pence


def pounds(pence: int | None) -> str:
    """'12.50': for CSV files and form values. Exact: no float is involved."""
    pence = pence or 0
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"


def money(pence: int | None) -> str:
    """'£1,012.50': for people to read."""
    pence = pence or 0
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def hours_pence(hours: Decimal, rate_pence: int) -> int:
    """Hours × hourly rate, rounded to the nearest penny (half a penny up)."""
    return int((Decimal(hours) * rate_pence).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def mileage_pence(miles: Decimal, rate_pence: int) -> int:
    """Miles × rate, rounded to the nearest penny (half a penny up)."""
    return int((Decimal(miles) * rate_pence).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
