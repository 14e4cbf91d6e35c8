"""WSGI entry point (gunicorn humas.wsgi).

Page cache hits are answered by :class:`humas.cache.PageCacheFront` before Django builds a
request; everything else goes to Django's handler.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humas.settings")
django_application = get_wsgi_application()

from humas.cache import PageCacheFront  # noqa: E402 - needs the settings configured above

application = PageCacheFront(django_application)
