from allauth.account.forms import LoginForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from councils.fields import DateInputField, PublicIdChoiceField
from councils.forms import PersonChoiceField
from councils.models import Council, Organisation, Region, Role

from ..models import RepProfile

WHOLE_ORGANISATION = "org"


class ScopeField(forms.ChoiceField):
    """One select for 'whole organisation', a region, or a council. The
    values are public ids (``region:<id>``, ``council:<id>``); the cleaned
    value is the pair ``(region, council)``, with ``None`` where it does not
    apply."""

    def __init__(self, *, organisation: Organisation, **kwargs):
        self.regions = {r.public_id: r for r in Region.objects.filter(organisation=organisation)}
        self.councils = {c.public_id: c for c in Council.objects.filter(organisation=organisation)}
        choices = [(WHOLE_ORGANISATION, gettext("Whole organisation"))]
        choices += [
            (f"region:{key}", gettext("Region: %(name)s") % {"name": r.name})
            for key, r in self.regions.items()
        ]
        choices += [
            (f"council:{key}", gettext("Council: %(name)s") % {"name": c.name})
            for key, c in self.councils.items()
        ]
        super().__init__(
            choices=choices,
            label=_("Where the role applies"),
            error_messages={
                "required": _("Choose where the role applies."),
                "invalid_choice": _("Choose where the role applies in this organisation."),
            },
            **kwargs,
        )

    def clean(self, value) -> tuple[Region | None, Council | None]:
        value = super().clean(value)
        kind, _sep, public_id = value.partition(":")
        return self.regions.get(public_id) if kind == "region" else None, (
            self.councils.get(public_id) if kind == "council" else None
        )


STAFF_ROLE_CHOICES = [(value, label) for value, label in Role.choices if value != Role.REP]


class StaffInviteForm(forms.Form):
    display_name = forms.CharField(
        label=_("Full name"), max_length=150, error_messages={"required": _("Enter their name.")}
    )
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter their email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=STAFF_ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role.")},
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"] = ScopeField(organisation=organisation)


class RepAccountForm(forms.Form):
    display_name = forms.CharField(
        label=_("Rep's name"),
        max_length=150,
        help_text=_("The name they want to be known by. A first name is fine."),
        error_messages={"required": _("Enter the rep's name.")},
    )
    council = PublicIdChoiceField(
        queryset=Council.objects.none(),
        label=_("Council"),
        empty_label=_("Choose a council"),
        error_messages={
            "required": _("Choose the rep's council."),
            "invalid_choice": _("Choose a council from this organisation."),
        },
    )
    contact_preference = forms.ChoiceField(
        label=_("How they want to be contacted"),
        choices=RepProfile.ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they want to be contacted.")},
    )
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(
            organisation=organisation, is_active=True
        )
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self):
        data = super().clean()
        pref = data.get("contact_preference")
        if pref in {"phone", "text"} and not data.get("phone"):
            self.add_error(
                "phone", gettext("Enter a phone number, or choose another way to contact them.")
            )
        if pref == "email" and not data.get("email"):
            self.add_error(
                "email", gettext("Enter an email address, or choose another way to contact them.")
            )
        return data


class RoleAssignForm(forms.Form):
    person = PersonChoiceField(
        queryset=None,
        label=_("Person"),
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose a person."),
            "invalid_choice": _("Choose a person from this organisation."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role.")},
    )
    ends_on = DateInputField(
        label=_("End date (optional)"), name=_("The end date of the role"), required=False
    )

    def __init__(self, *args, organisation: Organisation, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["scope"] = ScopeField(organisation=organisation)


# What a rep is told when Django's password checks turn a password down.
PASSWORD_PROBLEMS = {
    "password_too_short": _(
        "The password is too short. Use at least 10 characters: a short sentence works well."
    ),
    "password_too_common": _(
        "That password is too easy to guess. Try a short sentence you will remember."
    ),
    "password_entirely_numeric": _("The password cannot be only numbers. Add some words."),
    "password_too_similar": _("The password is too like your username. Choose another."),
}


class RepSetupForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("It is on the letter from your coordinator."),
        error_messages={"required": _("Enter your username.")},
    )
    code = forms.CharField(
        label=_("Setup code"),
        max_length=20,
        help_text=_("8 letters and numbers, like ABCD-2345."),
        error_messages={"required": _("Enter your setup code.")},
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A short sentence you will remember works well."),
        error_messages={"required": _("Choose a password.")},
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password again.")},
    )

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error(
                "password2", gettext("The two passwords are different. Type them again.")
            )
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as error:
                # Django's own words for these are not in Welsh: say them in ours.
                self.add_error(
                    "password1",
                    [PASSWORD_PROBLEMS.get(e.code, e.message) for e in error.error_list],
                )
        return data


class SignInForm(LoginForm):
    """allauth's sign-in form, with plain labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = gettext("Username or email")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        self.fields["login"].error_messages["required"] = gettext(
            "Enter your username or email address."
        )
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].error_messages["required"] = gettext("Enter your password.")
        # allauth puts a "Forgot your password?" link in the hint; the page has
        # its own, which also says who it is for.
        self.fields["password"].help_text = ""


def _plain_code_field(field) -> None:
    """The second-factor code box in the product's words, with a hint."""
    field.label = gettext("Code")
    field.help_text = gettext("6 digits, for example 123456")
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update(
        {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
    )
    field.error_messages["required"] = gettext("Enter the 6-digit code from your app.")


class SecondFactorForm(AuthenticateForm):
    """allauth's second-factor form at sign-in, in plain words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_code_field(self.fields["code"])


class SecondFactorCheckForm(ReauthenticateForm):
    """allauth's form asking for the code again before a security change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_code_field(self.fields["code"])
