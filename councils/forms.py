from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .fields import PublicIdChoiceField
from .models import Council, Organisation, Region, RoleAssignment, Site


class PersonChoiceField(PublicIdChoiceField):
    """A person, by their public id. People's public ids are UUIDs: a value
    that is not one is simply not a choice (``PublicIdChoiceField`` would
    otherwise show the database's own "is not a valid UUID" message)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code == "invalid_choice":
                raise
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from error


def region_field() -> PublicIdChoiceField:
    """The region a council or site sits in, chosen by its public id."""
    return PublicIdChoiceField(
        queryset=Region.objects.none(),
        label=_("Region"),
        empty_label=_("Choose a region"),
        error_messages={
            "required": _("Choose a region."),
            "invalid_choice": _("Choose a region from this organisation."),
        },
    )


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "is_active"]
        labels = {"name": _("Region name"), "is_active": _("This region is in use")}
        error_messages = {"name": {"required": _("Enter the region's name.")}}


class CouncilForm(forms.ModelForm):
    region = region_field()

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(organisation=organisation)

    class Meta:
        model = Council
        fields = [
            "name",
            "slug",
            "region",
            "kind",
            "cohort_description",
            "meeting_cadence",
            "terms_of_reference",
            "public_page_enabled",
            "is_active",
        ]
        labels = {
            "name": _("Council name"),
            "slug": _("Short name for web addresses"),
            "kind": _("Kind of council"),
            "cohort_description": _("Cohort description"),
            "meeting_cadence": _("Meeting cadence"),
            "terms_of_reference": _("Terms of reference"),
            "public_page_enabled": _("Publish a public 'You Said, We Did' page for this council"),
            "is_active": _("This council is running"),
        }
        help_texts = {"slug": _("Lower-case letters, numbers and hyphens, like 'north-women'.")}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {"required": _("Enter the council's name.")},
            "slug": {
                "required": _("Enter a short name for web addresses."),
                "invalid": _("Use only lower-case letters, numbers and hyphens."),
            },
        }


class SiteForm(forms.ModelForm):
    region = region_field()

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(organisation=organisation)

    class Meta:
        model = Site
        fields = ["name", "region", "kind", "address", "site_manager_name", "is_active"]
        labels = {
            "name": _("Site name"),
            "kind": _("Kind of site"),
            "site_manager_name": _("Site manager's name (optional)"),
            "address": _("Address (optional)"),
            "is_active": _("Surgeries can happen here"),
        }
        widgets = {"kind": forms.RadioSelect, "address": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": _("Enter the site's name.")}}


class AuditFilterForm(forms.Form):
    person = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("Person"),
        empty_label=_("Anyone"),
    )
    object_id = forms.CharField(required=False, label=_("Object reference"), max_length=64)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Found by id, not joined with DISTINCT over every column; with only
        # what an option shows (its public id and the name).
        holders = RoleAssignment.objects.filter(organisation=organisation).values("user_id")
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(pk__in=holders)
            .only("public_id", "display_name", "first_name", "last_name", "username")
            .order_by("display_name", "username")
        )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ProblemReportForm(forms.Form):
    came_from = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    page = forms.CharField(
        label=_("What were you trying to do? (optional)"),
        help_text=_("For example: adding feedback at a surgery."),
        max_length=200,
        required=False,
    )
    what_happened = forms.CharField(
        label=_("What went wrong?"),
        help_text=_(
            "Say what happened and what you expected. "
            "Do not write anyone's name, address or date of birth."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Say what went wrong."),
            "max_length": _("Keep it under 2,000 characters."),
        },
    )

    def clean_came_from(self) -> str:
        # Only a path on this site: never an address elsewhere.
        value = self.cleaned_data["came_from"]
        return value if value.startswith("/") and not value.startswith("//") else ""
