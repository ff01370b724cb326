from .tenancy import second_factor_response

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
