"""One publishing model for every kind: revisions and timeline events move from the article-only
tables into ``Revision`` and ``TimelineEvent`` (content type + object id), losing nothing: every
revision keeps its number, kind, pending flag, data, author, time and "restored from" link, and
every event its revision. Articles gain ``expire_at`` and first/last published times.
"""

import itertools

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


BATCH = 2000


def copy_history(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Article = apps.get_model("newsroom", "Article")
    ArticleRevision = apps.get_model("newsroom", "ArticleRevision")
    ArticleEvent = apps.get_model("newsroom", "ArticleEvent")
    Revision = apps.get_model("newsroom", "Revision")
    TimelineEvent = apps.get_model("newsroom", "TimelineEvent")
    article_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model="article")

    new_id = {}
    restored = []
    old = ArticleRevision.objects.order_by("id").iterator(chunk_size=BATCH)
    while chunk := list(itertools.islice(old, BATCH)):
        made = Revision.objects.bulk_create(
            Revision(content_type=article_type, object_id=r.article_id, number=r.number,
                     kind=r.kind, pending=r.pending, data=r.data, created_by_id=r.created_by_id,
                     created_at=r.created_at)
            for r in chunk
        )  # fmt: skip
        for r, copy in zip(chunk, made, strict=True):
            new_id[r.id] = copy.id
            if r.restored_from_id:
                restored.append((copy.id, r.restored_from_id))
    for copy_id, source_id in restored:
        Revision.objects.filter(id=copy_id).update(restored_from_id=new_id.get(source_id))

    old = ArticleEvent.objects.order_by("id").iterator(chunk_size=BATCH)
    while chunk := list(itertools.islice(old, BATCH)):
        TimelineEvent.objects.bulk_create(
            TimelineEvent(content_type=article_type, object_id=e.article_id, action=e.action,
                          actor_id=e.actor_id, created_at=e.created_at,
                          from_status=e.from_status, to_status=e.to_status, comment=e.comment,
                          revision_id=new_id.get(e.revision_id), self_approved=e.self_approved)
            for e in chunk
        )  # fmt: skip

    # What the public has seen: first and last publication of published and archived articles.
    Article.objects.filter(status__in=["published", "archived"], publish_at__isnull=False).update(
        first_published_at=F("publish_at"), last_published_at=F("publish_at")
    )


def copy_history_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ArticleRevision = apps.get_model("newsroom", "ArticleRevision")
    ArticleEvent = apps.get_model("newsroom", "ArticleEvent")
    Revision = apps.get_model("newsroom", "Revision")
    TimelineEvent = apps.get_model("newsroom", "TimelineEvent")
    article_type = ContentType.objects.filter(app_label="newsroom", model="article").first()
    if article_type is None:
        return
    old_id = {}
    for r in Revision.objects.filter(content_type=article_type).order_by("id"):
        copy = ArticleRevision.objects.create(
            article_id=r.object_id, number=r.number, kind=r.kind, pending=r.pending, data=r.data,
            created_by_id=r.created_by_id, created_at=r.created_at,
            restored_from_id=old_id.get(r.restored_from_id),
        )  # fmt: skip
        old_id[r.id] = copy.id
    for e in TimelineEvent.objects.filter(content_type=article_type).order_by("id"):
        ArticleEvent.objects.create(
            article_id=e.object_id, action=e.action, actor_id=e.actor_id, created_at=e.created_at,
            from_status=e.from_status, to_status=e.to_status, comment=e.comment,
            revision_id=old_id.get(e.revision_id), self_approved=e.self_approved,
        )  # fmt: skip


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('newsroom', '0004_article_search_document'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='expire_at',
            field=models.DateTimeField(blank=True, help_text='Optional: the portal stops showing it at this time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='article',
            name='first_published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='first published'),
        ),
        migrations.AddField(
            model_name='article',
            name='last_published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last published'),
        ),
        migrations.AlterField(
            model_name='article',
            name='agency',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to='accounts.agency', verbose_name='agency'),
        ),
        migrations.AlterField(
            model_name='article',
            name='author',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='author'),
        ),
        migrations.CreateModel(
            name='Revision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('number', models.PositiveIntegerField(verbose_name='number')),
                ('kind', models.CharField(choices=[('draft', 'Draft'), ('correction', 'Correction'), ('approved', 'Approved')], max_length=20, verbose_name='kind')),
                ('pending', models.BooleanField(default=False, verbose_name='awaiting approval')),
                ('data', models.JSONField(verbose_name='fields')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('restored_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='newsroom.revision', verbose_name='restored from')),
            ],
            options={
                'verbose_name': 'revision',
                'verbose_name_plural': 'revisions',
                'ordering': ['content_type', 'object_id', 'number'],
            },
        ),
        migrations.CreateModel(
            name='TimelineEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('action', models.CharField(max_length=60, verbose_name='action')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('from_status', models.CharField(blank=True, max_length=20, verbose_name='from')),
                ('to_status', models.CharField(blank=True, max_length=20, verbose_name='to')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('self_approved', models.BooleanField(default=False, verbose_name='self-approved')),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('revision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='newsroom.revision', verbose_name='revision')),
            ],
            options={
                'verbose_name': 'timeline event',
                'verbose_name_plural': 'timeline events',
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='revision',
            constraint=models.UniqueConstraint(fields=('content_type', 'object_id', 'number'), name='unique_revision_number_per_object'),
        ),
        migrations.AddIndex(
            model_name='timelineevent',
            index=models.Index(fields=['content_type', 'object_id', 'created_at'], name='timeline_object_idx'),
        ),
        migrations.RunPython(copy_history, copy_history_back),
        migrations.DeleteModel(
            name='ArticleEvent',
        ),
        migrations.DeleteModel(
            name='ArticleRevision',
        ),
    ]
