"""WSGI entry point (gunicorn humas.wsgi).

``HUMAS_WSGI_FRONT`` (a dotted path, e.g. the portal's page cache front) wraps Django's handler: it
answers what it can before Django builds a request and hands everything else on. The project
package names no app; the setting does.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humas.settings")
django_application = get_wsgi_application()

# Needs the settings configured above.
from django.conf import settings  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

front = getattr(settings, "HUMAS_WSGI_FRONT", "")
application = import_string(front)(django_application) if front else django_application
