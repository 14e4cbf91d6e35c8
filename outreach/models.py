"""The Digital PR desk's data: see the modules it imports."""

from .comments import Comment, ReplyTemplate  # noqa: E402, F401 (the comment desk)
