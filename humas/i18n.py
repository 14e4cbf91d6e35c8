"""Which language a visitor reads: Bahasa Indonesia, unless they chose another offered language.

The browser's Accept-Language is deliberately not used: most staff and citizens run browsers set to
English, and the portal of an Indonesian agency speaks Indonesian until the visitor picks English in
the footer (a cookie). The page cache keys its entries with the same function.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def portal_language(request) -> str:
    """The chosen language (cookie) when it is offered, else ``settings.LANGUAGE_CODE``."""
    return language_from_cookies(request.COOKIES)


def language_from_cookies(cookies: dict) -> str:
    """:func:`portal_language` from the parsed cookies alone (the page cache has no request)."""
    chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen and chosen in dict(settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE


class PortalLocaleMiddleware:
    """Activates :func:`portal_language` for the request (replaces Django's LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(portal_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


@never_cache
@require_GET
def choose_language(request, code: str):
    """Remember the visitor's language in a cookie and go back to the page they were on."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        # As the LANGUAGE_COOKIE_* settings say (HTTPS-only in production), and Secure over HTTPS.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
