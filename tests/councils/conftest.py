from tests.members.conftest import client_for  # noqa: F401 (the second-factor-passed sign-in)
