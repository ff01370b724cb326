"""Settings, read from the environment.

With nothing set, the app runs as the demo: SQLite, tasks in-process, emails
printed to the console. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and the email settings, and uses config.production.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "demo-only-secret-key-not-for-production-use-1234567890")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "councils",
    "members",
    "surgeries",
    "proposals",
    "expenses",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "councils.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come already compressed), above all
    # that writes the page; leaves pages holding secrets alone (BREACH).
    "councils.middleware.CompressPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: reads the language cookie set by the
    # language switch (or the browser's Accept-Language) for every request.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the language is known, so its 400 page is in the reader's language.
    "councils.middleware.RejectControlCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "councils.middleware.RequireStaffSecondFactorMiddleware",
    # Last, so it sees every view's PermissionDenied first.
    "councils.middleware.RefusalMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councils.context_processors.navigation",
            ],
            "builtins": ["councils.templatetags.govuk"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", True
):
    # Bind parameters on the server, and let psycopg prepare a statement the
    # fifth time a connection runs it: PostgreSQL then plans each of the
    # app's queries once per connection rather than on every request, which
    # was a third of the database's time on the busiest pages (see
    # docs/benchmarks.md). Set DB_PREPARED_STATEMENTS=0 behind a pooler in
    # transaction mode, which cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "councils.permissions.SignInBackend",
    "councils.permissions.RoleBackend",
    "councils.permissions.ObjectGrantBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# Sessions end after eight hours, or when the browser closes: reps often use
# shared or borrowed phones.
# Django's database sessions, read with their SQL built once (councils/sessions.py).
SESSION_ENGINE = "councils.sessions"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# allauth
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
# "You are signed in as Ray Daniels", not as the username: the person's name.
ACCOUNT_USER_DISPLAY = str
ACCOUNT_FORMS = {"login": "members.forms.SignInForm"}
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    # Per account: 5 wrong passwords then a 5-minute wait, never longer, so
    # nobody can lock a named person out for long by typing their username.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
    # /setup/ (members.limits): per address, and per username for minutes only.
    "rep_setup": "10/m/ip,5/15m/key",
}
# The client's address, for the sign-in and /setup/ rate limits (allauth's
# helper reads these). The default is direct serving: REMOTE_ADDR. Behind a
# reverse proxy every request comes from the proxy's address, so one person's
# wrong passwords would lock out everyone; set TRUSTED_PROXY_COUNT to the
# number of proxies in front of the app (it then takes that entry from the
# right of X-Forwarded-For, which a client cannot forge), or
# TRUSTED_CLIENT_IP_HEADER to a header your proxy sets and clients cannot
# (e.g. X-Real-IP). Never set either when serving directly: clients could
# then choose their own address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "members.adapters.SecondFactorAdapter"
MFA_FORMS = {
    "authenticate": "members.forms.SecondFactorForm",
    "reauthenticate": "members.forms.SecondFactorCheckForm",
}
MFA_TOTP_ISSUER = "Said and Done"
# Accept the code either side of the current one: phones' clocks drift, and a
# code typed in its last second should still work.
MFA_TOTP_TOLERANCE = 1

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "said-and-done",
        # Pages remember their rows for each scope and person
        # (councils/freshness.py): Django's 300 would push them out early.
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# How long a page may reuse figures and rows it worked out before, at most,
# when nothing has been written since (councils/freshness.py); 0 turns it off.
FRESH_SECONDS = int(os.environ.get("FRESH_SECONDS", "600"))
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Falls back to memory when Redis is down (config/cache.py): signing in
    # must not depend on Redis. Short timeouts, so a dead Redis costs a
    # request one second, not a minute.
    CACHES["default"] = {
        "BACKEND": "config.cache.DegradingRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }

# Celery: with no Redis, tasks run in-process so the demo needs nothing else.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
# ...but not inside the request that asked: with no broker, after_commit hands
# each task to one background thread of this process, so asking for a report
# returns at once (councils/after_commit.py). The tests turn this off.
TASKS_IN_BACKGROUND_THREAD = not REDIS_URL
# A dead broker makes publishing fail within seconds, not hang the request:
# councils/after_commit.py then logs it and the schedule picks the work up.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE: dict = {
    "proposal-reminders-daily": {
        "task": "proposals.tasks.send_overdue_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    "meeting-papers-reminders-daily": {
        "task": "proposals.tasks.send_papers_due_reminders",
        "schedule": crontab(hour=7, minute=45),
    },
    "quarterly-reports": {
        "task": "reports.tasks.generate_last_quarter_reports",
        "schedule": crontab(hour=6, minute=0, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "reports-requeue-stuck": {
        "task": "reports.tasks.requeue_stuck_reports",
        "schedule": crontab(minute="*/5"),
    },
    "expenses-overdue-reminders-daily": {
        "task": "expenses.tasks.send_overdue_reminders",
        "schedule": crontab(hour=7, minute=50),
    },
    "members-election-notices": {
        "task": "members.tasks.send_election_notices",
        "schedule": crontab(minute="*/15"),
    },
    "members-retention-daily": {
        "task": "members.tasks.delete_expired_personal_data",
        "schedule": crontab(hour=2, minute=30),
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Said and Done <no-reply@example.org>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# English and Welsh: probation in Wales must offer Welsh. British English
# (not "en") so that dates are typed and shown day first. Each language's name
# is written in that language: it is what the language switch shows.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.storage.HashedCompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
# Every line is printed once, by the root logger's console handler: Django's
# own "django" handler (on with DEBUG) would print each warning and traceback
# a second time. A 403 is one line with method, path, status and user id,
# never a traceback (config/log_filters.py); a 500 keeps its traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "one_line_refusal": {"()": "config.log_filters.OneLineRefusal"},
        "no_refusal_access_line": {"()": "config.log_filters.NoRefusalAccessLine"},
    },
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # runserver's reloader says when it restarts.
        "django.utils.autoreload": {"level": "INFO"},
        "django.request": {"filters": ["one_line_refusal"]},
        "django.security.csrf": {"filters": ["one_line_refusal"]},
        # The development server's access log, as Django prints it.
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["no_refusal_access_line"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

# guardian's check looks for its own backend by name; ours subclasses it
# (councils.permissions.ObjectGrantBackend), so the warning does not apply.
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]
