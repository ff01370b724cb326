from django.shortcuts import redirect
from django.urls import reverse

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


class ContentSecurityPolicyMiddleware:
    """A strict policy: no inline scripts or styles anywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response


class RequireStaffSecondFactorMiddleware:
    """Staff (every role but rep) must set up an authenticator app before
    using the product. Reps are not asked: many have no smartphone."""

    exempt_prefixes = ("/accounts/", "/static/", "/setup/", "/public/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_second_factor(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _needs_second_factor(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.exempt_prefixes):
            return False
        from .selectors import user_has_totp, user_is_staff

        return user_is_staff(user) and not user_has_totp(user)
