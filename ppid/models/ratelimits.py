"""The per-address counters of the public forms' limits, when the shared cache cannot count them.

The limits are counted in the shared cache (``ppid.ratelimit``); while it is down, the database
counts them instead, so an outage neither blocks citizens nor opens the forms to floods.
"""

from django.db import models


class RateLimitCounter(models.Model):
    """Attempts of one scope ("request", "objection", "status") from one address in its window."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)  # the client address
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)  # windows past this are reset or pruned
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="ppid_ratelimit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}: {self.count}"
