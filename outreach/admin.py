"""The Digital PR desk in the staff admin: each part registers its models in its own module."""

from . import admin_comments  # noqa: F401 (the comment desk)
