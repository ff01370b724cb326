import logging
import re

from django.core.exceptions import PermissionDenied
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render

from .tenancy import second_factor_response

# NUL and the other C0 control characters, and DEL. Tab, newline and carriage
# return are kept: people type them in text boxes.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Nothing in the app uses these browser features; say so, so that a script
# that got in somehow could not use them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)

refusals = logging.getLogger("councils.refusals")


class ContentSecurityPolicyMiddleware:
    """A strict policy: no inline scripts or styles anywhere; and no camera,
    microphone, location or payment features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequireStaffSecondFactorMiddleware:
    """Staff (every role but rep) must set up an authenticator app, and every
    session of theirs must have passed it, before using the product. Reps
    are not asked: many have no smartphone."""

    exempt_prefixes = ("/accounts/", "/static/", "/setup/", "/public/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.path.startswith(self.exempt_prefixes):
            response = second_factor_response(request)
            if response is not None:
                return response
        return self.get_response(request)


class RejectControlCharactersMiddleware:
    """One place that refuses control characters (a NUL byte, for example) in
    every query parameter and form field, with a plain 400 page. Nobody types
    them; PostgreSQL refuses them, which was a 500 on any page that filters
    by a parameter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_control_characters(request):
            return render(request, "errors/400.html", status=400)
        return self.get_response(request)

    @staticmethod
    def _has_control_characters(request) -> bool:
        if CONTROL_CHARACTERS.search(request.path):
            return True
        sources = [request.GET]
        if request.method == "POST":
            sources.append(request.POST)
        return any(
            CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(value)
            for source in sources
            for key, values in source.lists()
            for value in values
        )


class RefusalMiddleware:
    """Every refusal (PermissionDenied from a view) in one place: one log
    line with who, what and why, an audit event, and the 403 page. Django
    would otherwise log each with a full traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied):
            return None
        from .audit import audit_refusal
        from .views import error_403

        user = request.user
        who = f"user={user.pk}" if user.is_authenticated else "user=anonymous"
        organisation = getattr(request, "organisation", None)
        reason = str(exception) or "no reason given"
        refusals.warning(
            "refused %s %s status=403 %s org=%s roles=%s: %s",
            request.method,
            request.path,
            who,
            organisation.slug if organisation else "-",
            ",".join(sorted(getattr(request, "roles", []) or [])) or "-",
            reason,
        )
        audit_refusal(request=request, reason=reason)
        response = error_403(request, exception)
        # Logged above, in one line: Django need not log it again.
        response._has_been_logged = True
        return response


class CompressPagesMiddleware(GZipMiddleware):
    """Pages are compressed on the way out (a 60 KB list is 8 KB on a rep's
    phone), by the app rather than a front server, so that every deployment
    gets it, including the single container with no proxy in front.

    BREACH (guessing a secret in a compressed page from its size, by making
    the victim load it many times with words of the attacker's choosing):
    Django masks the CSRF token afresh in every response and, since 4.2, pads
    each compressed response with random bytes (Heal the BREACH). On top of
    that, pages that hold a secret worth guessing are never compressed: the
    sign-in, second-factor and recovery-code pages (/accounts/), the rep's
    setup and account pages, and any page marked ``Cache-Control: no-store``
    (the printed setup code). Static files never come here: WhiteNoise,
    above, serves them already compressed."""

    secret_prefixes = ("/accounts/", "/setup/", "/account/")

    def process_response(self, request, response):
        if request.path.startswith(self.secret_prefixes):
            return response
        if "no-store" in response.get("Cache-Control", ""):
            return response
        return super().process_response(request, response)
