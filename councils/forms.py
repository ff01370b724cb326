from django import forms
from django.core.exceptions import ValidationError

from .models import Council, Region, Site


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "is_active"]
        labels = {"name": "Region name", "is_active": "This region is in use"}
        error_messages = {"name": {"required": "Enter the region's name."}}


class CouncilForm(forms.ModelForm):
    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(organisation=organisation)
        self.fields["region"].empty_label = "Choose a region"

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
            "name": "Council name",
            "slug": "Short name for web addresses",
            "kind": "Kind of council",
            "public_page_enabled": "Publish a public 'You Said, We Did' page for this council",
            "is_active": "This council is running",
        }
        help_texts = {"slug": "Lower-case letters, numbers and hyphens, like 'north-women'."}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter the council's name."},
            "slug": {
                "required": "Enter a short name for web addresses.",
                "invalid": "Use only lower-case letters, numbers and hyphens.",
            },
            "region": {
                "required": "Choose a region.",
                "invalid_choice": "Choose a region from this organisation.",
            },
        }


class SiteForm(forms.ModelForm):
    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(organisation=organisation)
        self.fields["region"].empty_label = "Choose a region"

    class Meta:
        model = Site
        fields = ["name", "region", "kind", "address", "site_manager_name", "is_active"]
        labels = {
            "name": "Site name",
            "kind": "Kind of site",
            "site_manager_name": "Site manager's name (optional)",
            "address": "Address (optional)",
            "is_active": "Surgeries can happen here",
        }
        widgets = {"kind": forms.RadioSelect, "address": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": "Enter the site's name."},
            "region": {
                "required": "Choose a region.",
                "invalid_choice": "Choose a region from this organisation.",
            },
        }


class AuditFilterForm(forms.Form):
    person = forms.ChoiceField(required=False, label="Person")
    object_id = forms.CharField(required=False, label="Object reference", max_length=64)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Anyone")] + [
            (str(p.public_id), str(p)) for p in people
        ]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
