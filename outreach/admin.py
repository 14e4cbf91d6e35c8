"""The Digital PR desk in the staff admin: each part registers its models in its own module."""

from . import (
    admin_comments,  # noqa: F401 (the comment desk)
    admin_planning,  # noqa: F401 (objectives, pillars, key messages, hashtag sets, limits)
    admin_posts,  # noqa: F401 (planned social posts)
)
