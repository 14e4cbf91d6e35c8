"""What invalidates the anonymous page cache (humas.cache): every change the public can see.

Connected in NewsroomConfig.ready, so every process (web workers, task workers, management
commands, shells) bumps the shared generation after its transaction commits.
- The workflow's ``published_changed``: publish, schedule, correct, archive.
- As a baseline for any other path (admin edits, scripts, deletions): saves and deletions of
  published or archived articles, tag changes on them, and any change to agencies, categories or
  tags (their names and logos appear on public pages). Drafts in progress change nothing public.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from accounts.models import Agency
from newsroom.models import Article, Category, Tag
from newsroom.workflow import published_changed

from .cache import bump_generation_on_commit

PUBLIC_STATUSES = {Article.Status.PUBLISHED, Article.Status.ARCHIVED}


@receiver(published_changed, dispatch_uid="pagecache_workflow")
def bump_on_workflow_change(sender, **kwargs):
    bump_generation_on_commit()


@receiver(post_save, sender=Article, dispatch_uid="pagecache_article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="pagecache_article_deleted")
def bump_on_article_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded
    if instance.status in PUBLIC_STATUSES:
        bump_generation_on_commit()


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="pagecache_article_tags")
def bump_on_article_tags(sender, instance, action, **kwargs):
    if action.startswith("post_") and getattr(instance, "status", None) in PUBLIC_STATUSES:
        bump_generation_on_commit()


@receiver(post_save, sender=Agency, dispatch_uid="pagecache_agency_saved")
@receiver(post_delete, sender=Agency, dispatch_uid="pagecache_agency_deleted")
@receiver(post_save, sender=Category, dispatch_uid="pagecache_category_saved")
@receiver(post_delete, sender=Category, dispatch_uid="pagecache_category_deleted")
@receiver(post_save, sender=Tag, dispatch_uid="pagecache_tag_saved")
@receiver(post_delete, sender=Tag, dispatch_uid="pagecache_tag_deleted")
def bump_on_shared_change(sender, **kwargs):
    if not kwargs.get("raw"):
        bump_generation_on_commit()
