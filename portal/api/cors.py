"""CORS for the JSON API: any web page may read it (``Access-Control-Allow-Origin: *``).

A few lines rather than django-cors-headers: that library answers each ``Origin`` with its own
header and ``Vary: Origin``, while the page cache (portal.cache) keys on neither, so a page stored
for a request without ``Origin`` would be served without the header to a browser that needs it.
One constant header on every /api/ answer is the same for every visitor and safe to cache; no
credentials are ever allowed, so ``*`` is what the CORS standard asks for here.
"""

from django.http import HttpResponse

PREFIX = "/api/"
#: What a page may send besides the CORS-safelisted headers: revalidation and the language.
ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"


class PublicAPICorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
            # A preflight (a page sending e.g. If-None-Match): only reading is offered.
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Retry-After"
        return response
