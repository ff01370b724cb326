"""Production: everything in config.settings, plus HTTPS-only settings.

Use with DJANGO_SETTINGS_MODULE=config.production. SECRET_KEY must be set, and
SITE_URL must be the public https address: ``manage.py check --deploy`` fails
on a local one (config/checks.py).
"""

import os

from . import checks  # noqa: F401 (registers the SITE_URL deploy check)
from .settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
