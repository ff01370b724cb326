from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: admins invite staff and coordinators
    create rep accounts."""

    def is_open_for_signup(self, request) -> bool:
        return False
