"""The comment desk's figures per week: how many by class and sentiment, how fast answered.

Weeks run Monday to Sunday in Asia/Jakarta (the portal's time); a comment belongs to the week it
was written in. Response times are the office minutes stored when each comment was first answered
(outreach.desk.reply), so the median is the middle of what the public waited while the office
was open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median

from django.utils import timezone

from .comments import Comment


@dataclass
class WeekFigures:
    start: date
    total: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_sentiment: dict[str, int] = field(default_factory=dict)
    answered: int = 0
    open: int = 0
    to_ppid: int = 0
    to_lapor: int = 0
    response_minutes: list[int] = field(default_factory=list)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def median_minutes(self) -> int | None:
        return round(median(self.response_minutes)) if self.response_minutes else None

    def category_counts(self):
        return [
            (label, self.by_category.get(value, 0)) for value, label in Comment.Category.choices
        ]

    def sentiment_counts(self):
        return [
            (label, self.by_sentiment.get(value, 0)) for value, label in Comment.Sentiment.choices
        ]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_figures(comments, *, weeks: int = 8, today: date | None = None) -> list[WeekFigures]:
    """Figures of the last ``weeks`` weeks (newest first) for a queryset of comments, already
    scoped to the person's agencies. One query."""
    today = today or timezone.localdate()
    first = week_start(today) - timedelta(weeks=weeks - 1)
    zone = timezone.get_default_timezone()
    since = datetime.combine(first, time.min, tzinfo=zone)
    result = {
        first + timedelta(weeks=n): WeekFigures(first + timedelta(weeks=n)) for n in range(weeks)
    }
    rows = comments.filter(posted_at__gte=since).values_list(
        "posted_at", "category", "sentiment", "status", "response_minutes",
        "information_request_id", "lapor_referred_at",
    )  # fmt: skip
    open_statuses = {Comment.Status.NEW, Comment.Status.IN_PROGRESS}
    for posted_at, category, sentiment, status, minutes, request_id, lapor_at in rows:
        week = result.get(week_start(timezone.localtime(posted_at, zone).date()))
        if week is None:  # written after today (a clock set wrong on import)
            continue
        week.total += 1
        week.by_category[category] = week.by_category.get(category, 0) + 1
        week.by_sentiment[sentiment] = week.by_sentiment.get(sentiment, 0) + 1
        week.open += status in open_statuses
        if minutes is not None:
            week.answered += 1
            week.response_minutes.append(minutes)
        week.to_ppid += request_id is not None
        week.to_lapor += lapor_at is not None
    return sorted(result.values(), key=lambda w: w.start, reverse=True)
