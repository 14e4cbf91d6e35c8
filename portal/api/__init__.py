"""The open, read-only JSON API at /api/v1/ (design.md §5): everything public, never personal data.

Built on Django REST Framework with drf-spectacular for the OpenAPI schema and django-filter for
the filters. ``base`` holds what every resource shares (the public rule, the agency's own
domain, cursor pagination, the rate limit, errors as JSON in Indonesian); ``resources`` the
newsroom's kinds and agencies; other apps add theirs through ``settings.HUMAS_API_MODULES``
(each a module with ``register(router)``), so the portal names no other app. A kind is one
serializer, one filter set and one registration.
"""
