from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import gettext_lazy


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: admins invite staff and coordinators
    create rep accounts."""

    # allauth's own words for a wrong password are not in our catalogue, so
    # they would stay in English on a Welsh sign-in page.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": gettext_lazy(
            "That username or password is not right. Check them and try again."
        ),
        "email_password_mismatch": gettext_lazy(
            "That email address or password is not right. Check them and try again."
        ),
    }

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
