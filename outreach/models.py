"""The Digital PR desk's data: see the modules it imports."""

from .calendar_feed import CalendarFeed  # noqa: E402, F401 (private calendar feeds)
from .comments import Comment, ReplyTemplate  # noqa: E402, F401 (the comment desk)
from .planning import ContentPlan, KeyMessage, Objective, Pillar  # noqa: E402, F401 (planning)
from .platforms import PlatformLimit  # noqa: E402, F401 (limit overrides)
from .posts import HashtagSet, PlannedPost  # noqa: E402, F401 (planned social posts)
