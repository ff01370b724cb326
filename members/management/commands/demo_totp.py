"""Print the current sign-in code for the demo's staff accounts."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from members.demo import DEMO_TOTP_SECRET


def current_demo_code() -> str:
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


class Command(BaseCommand):
    help = "Print the 6-digit code for the demo staff accounts' authenticator."

    def handle(self, *args, **options):
        self.stdout.write(current_demo_code())
