from allauth.account.forms import LoginForm
from django import forms
from django.contrib.auth import password_validation

from councils.models import Council, Region, Role

from .models import RepProfile


class ScopeField(forms.ChoiceField):
    """One select for 'whole organisation', a region, or a council."""

    def __init__(self, *, organisation, **kwargs):
        regions = Region.objects.filter(organisation=organisation)
        councils = Council.objects.filter(organisation=organisation)
        choices = [("org", "Whole organisation")]
        choices += [(f"region:{r.public_id}", f"Region: {r.name}") for r in regions]
        choices += [(f"council:{c.public_id}", f"Council: {c.name}") for c in councils]
        super().__init__(
            choices=choices,
            label="Where the role applies",
            error_messages={
                "invalid_choice": "Choose where the role applies in this organisation."
            },
            **kwargs,
        )
        self.organisation = organisation

    def scope_objects(self, value: str) -> tuple[Region | None, Council | None]:
        kind, _, public_id = value.partition(":")
        if kind == "region":
            return Region.objects.get(organisation=self.organisation, public_id=public_id), None
        if kind == "council":
            return None, Council.objects.get(organisation=self.organisation, public_id=public_id)
        return None, None


STAFF_ROLE_CHOICES = [(value, label) for value, label in Role.choices if value != Role.REP]


class StaffInviteForm(forms.Form):
    display_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter their name."}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    role = forms.ChoiceField(
        choices=STAFF_ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role."},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"] = ScopeField(organisation=organisation)


class RepAccountForm(forms.Form):
    display_name = forms.CharField(
        label="Rep's name",
        max_length=150,
        help_text="The name they want to be known by. A first name is fine.",
        error_messages={"required": "Enter the rep's name."},
    )
    council = forms.ModelChoiceField(
        queryset=Council.objects.none(),
        empty_label="Choose a council",
        error_messages={
            "required": "Choose the rep's council.",
            "invalid_choice": "Choose a council from this organisation.",
        },
    )
    contact_preference = forms.ChoiceField(
        label="How they want to be contacted",
        choices=RepProfile.ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they want to be contacted."},
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(
            organisation=organisation, is_active=True
        )
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self):
        data = super().clean()
        pref = data.get("contact_preference")
        if pref in {"phone", "text"} and not data.get("phone"):
            self.add_error("phone", "Enter a phone number, or choose another way to contact them.")
        if pref == "email" and not data.get("email"):
            self.add_error(
                "email", "Enter an email address, or choose another way to contact them."
            )
        return data


class RoleAssignForm(forms.Form):
    person = forms.ChoiceField(label="Person", error_messages={"required": "Choose a person."})
    role = forms.ChoiceField(
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role."},
    )
    ends_on = forms.DateField(
        label="End date (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, like 31/3/2027."},
    )

    def __init__(self, *args, organisation, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.public_id): p for p in people}
        self.fields["person"].choices = [("", "Choose a person")] + [
            (key, str(p)) for key, p in self.people.items()
        ]
        self.fields["scope"] = ScopeField(organisation=organisation)


class RepSetupForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="It is on the letter from your coordinator.",
        error_messages={"required": "Enter your username."},
    )
    code = forms.CharField(
        label="Setup code",
        max_length=20,
        help_text="8 letters and numbers, like ABCD-2345.",
        error_messages={"required": "Enter your setup code."},
    )
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A short sentence you will remember works well.",
        error_messages={"required": "Choose a password."},
    )
    password2 = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again."},
    )

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords are different. Type them again.")
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SignInForm(LoginForm):
    """allauth's sign-in form, with plain labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        self.fields["login"].error_messages["required"] = "Enter your username or email address."
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].error_messages["required"] = "Enter your password."
