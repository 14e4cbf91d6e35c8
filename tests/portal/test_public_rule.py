"""The one public rule, in its three forms, gives one answer: the queryset (``public()``, built
on ``public_q``), the raw SQL of the "Baca juga" query (``public_sql``) and ``is_public``."""

import datetime as dt
import itertools

import time_machine
from django.db import connection
from django.utils import timezone

from newsroom.models import Article
from newsroom.publishing import Status, public_sql

NOW = dt.datetime(2026, 11, 29, 6, 0, tzinfo=dt.UTC)
MOMENTS = {"none": None, "past": NOW - dt.timedelta(hours=1), "now": NOW,
           "future": NOW + dt.timedelta(hours=1)}  # fmt: skip


def test_the_queryset_the_raw_sql_and_the_property_agree_on_every_case(agency, writer):
    cases = {}
    for status, publish, expire in itertools.product(Status.values, MOMENTS, MOMENTS):
        article = Article.objects.create(
            agency=agency, author=writer, title=f"{status} {publish} {expire}", lead="-",
            body="<p>-</p>", status=status, publish_at=MOMENTS[publish],
            expire_at=MOMENTS[expire],
        )  # fmt: skip
        cases[article.pk] = (status, publish, expire)
    sql, now_count = public_sql("a")
    moment = connection.ops.adapt_datetimefield_value(NOW)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id FROM newsroom_article a WHERE {sql}",  # noqa: S608 - constant SQL
            [Status.PUBLISHED, *[moment] * now_count],
        )
        by_sql = {row[0] for row in cursor.fetchall()}
    by_queryset = set(Article.objects.public(NOW).values_list("pk", flat=True))
    with time_machine.travel(NOW, tick=False):
        assert timezone.now() == NOW
        by_property = {a.pk for a in Article.objects.all() if a.is_public}
    assert by_queryset == by_sql == by_property
    # And it is the rule design.md states: published, publication time reached, not expired.
    expected = {
        pk
        for pk, (status, publish, expire) in cases.items()
        if status == Status.PUBLISHED
        and publish in {"past", "now"}
        and expire in {"none", "future"}
    }
    assert by_queryset == expected
