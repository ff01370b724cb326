from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import gettext_lazy


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: admins invite staff and coordinators
    create rep accounts."""

    def is_open_for_signup(self, request) -> bool:
        return False


class SecondFactorAdapter(DefaultMFAAdapter):
    """allauth's second-factor adapter, with the product's words for the
    message a person sees most: a code that did not work."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": gettext_lazy(
            "That code did not work. Enter the 6-digit code your app shows now."
        ),
    }
