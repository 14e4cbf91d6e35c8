"""The ceiling of Django on this machine: one view returning a fixed short response, with only
SecurityMiddleware and CommonMiddleware. Served by the same gunicorn setup as Humas in bench/run.py:
``gunicorn bench.bare_app:application``."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-app-not-a-secret",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
    INSTALLED_APPS=[],
    USE_I18N=False,
)


def hello(request):
    return HttpResponse("Halo, dunia.")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
