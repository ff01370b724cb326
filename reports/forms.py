from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils.fields import DateInputField, PublicIdChoiceField
from councils.models import Council, Organisation, Region
from councils.periods import Period, parse_quarter_key, recent_quarters
from councils.permissions import active_assignments, roles_granting

from .models import GeneratedReport


def scopes_where(user, organisation: Organisation, perm: str) -> list[tuple[str, str, object]]:
    """The scopes (organisation, regions, councils) where the user holds
    ``perm``, as (value, label, object), worked out from their role
    assignments without a query per council."""
    granting = roles_granting(perm)
    assignments = [a for a in active_assignments(user, organisation.pk) if a.role in granting]
    if not assignments:
        return []
    whole = any(not a.region_id and not a.council_id for a in assignments)
    region_ids = {a.region_id for a in assignments if a.region_id}
    council_ids = {a.council_id for a in assignments if a.council_id}
    regions = Region.objects.filter(organisation=organisation, is_active=True)
    councils = Council.objects.filter(organisation=organisation, is_active=True)
    if not whole:
        regions = regions.filter(id__in=region_ids)
        councils = councils.filter(Q(id__in=council_ids) | Q(region_id__in=region_ids))
    scopes: list[tuple[str, str, object]] = []
    if whole:
        scopes.append(("org", _("Whole organisation"), organisation))
    scopes += [
        (f"region:{r.public_id}", _("Region: %(name)s") % {"name": r.name}, r) for r in regions
    ]
    scopes += [
        (f"council:{c.public_id}", _("Council: %(name)s") % {"name": c.name}, c) for c in councils
    ]
    return scopes


class ScopeChoiceField(forms.ChoiceField):
    def __init__(self, *, scopes, **kwargs):
        self.objects = {value: obj for value, _, obj in scopes}
        super().__init__(choices=[(value, label) for value, label, _ in scopes], **kwargs)

    def scope_objects(self, value: str) -> tuple[Council | None, Region | None]:
        obj = self.objects.get(value)
        if isinstance(obj, Council):
            return obj, None
        if isinstance(obj, Region):
            return None, obj
        return None, None


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What do you need?"),
        choices=[
            (
                GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET,
                gettext_lazy(
                    "You Said, We Did booklet – large print, for people on probation and staff"
                ),
            ),
            (
                GeneratedReport.Kind.YOU_SAID_WE_DID_POSTER,
                gettext_lazy(
                    "You Said, We Did poster – one page for a reception wall, with a QR code"
                ),
            ),
            (
                GeneratedReport.Kind.QUARTERLY,
                gettext_lazy("Quarterly report – figures for senior managers"),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what kind of report you need.")},
    )
    period = forms.ChoiceField(
        label=gettext_lazy("Which period?"),
        help_text=gettext_lazy("A quarter, or choose your own dates."),
        error_messages={
            "required": gettext_lazy("Choose a period."),
            "invalid_choice": gettext_lazy("Choose one of the periods in the list."),
        },
    )
    # The first and last day of a period are dates people know: typed, not picked.
    start = DateInputField(
        label=gettext_lazy("First day (only for your own dates)"),
        name=gettext_lazy("The first day"),
        required=False,
    )
    end = DateInputField(
        label=gettext_lazy("Last day (only for your own dates)"),
        name=gettext_lazy("The last day"),
        required=False,
    )

    def __init__(self, *args, scopes, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"] = ScopeChoiceField(
            scopes=scopes,
            label=_("For which council, region or organisation?"),
            error_messages={
                "required": _("Choose a council, region or the whole organisation."),
                "invalid_choice": _("Choose a place you can make reports for."),
            },
        )
        quarters = recent_quarters(12, today)
        self.fields["period"].choices = [
            (
                q.key,
                _("%(quarter)s (so far)") % {"quarter": q.dates_label} if i == 0 else q.dates_label,
            )
            for i, q in enumerate(quarters)
        ] + [("custom", _("Your own dates"))]
        self.order_fields(["kind", "scope", "period", "start", "end"])

    def clean(self):
        data = super().clean()
        key = data.get("period")
        if key == "custom":
            start, end = data.get("start"), data.get("end")
            if not start and "start" not in self.errors:
                self.add_error("start", _("Enter the first day of the period."))
            if not end and "end" not in self.errors:
                self.add_error("end", _("Enter the last day of the period."))
            if start and end:
                if start > end:
                    self.add_error("end", _("The last day must be on or after the first day."))
                else:
                    data["chosen_period"] = Period(start, end)
        elif key:
            period = parse_quarter_key(key)
            if period is None:
                self.add_error("period", _("Choose one of the periods in the list."))
            else:
                data["chosen_period"] = period
        return data


class ShareForm(forms.Form):
    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = PublicIdChoiceField(
            people,
            label=_("Share with"),
            empty_label=_("Choose a person"),
            help_text=_("They will be able to read and download this report, and nothing else."),
            error_messages={
                "required": _("Choose who to share the report with."),
                "invalid_choice": _("Choose someone from the list."),
            },
        )


class ArchiveFilterForm(forms.Form):
    scope = forms.ChoiceField(label=gettext_lazy("Council, region or organisation"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *GeneratedReport.Kind.choices],
    )
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)

    def __init__(self, *args, scopes, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_objects = {value: obj for value, _, obj in scopes}
        self.fields["scope"].choices = [("", _("Everywhere you can see"))] + [
            (value, label) for value, label, _ in scopes
        ]
        self.fields["period"].choices = [("", _("Any period"))] + [
            (q.key, q.dates_label) for q in recent_quarters(12, today)
        ]
