"""What invalidates the anonymous page cache (portal.cache): every change the public can see, once.

Connected in PortalConfig.ready, so every process (web workers, task workers, management
commands, shells) bumps the shared generation after its transaction commits.
- The editorial apps' one hook, ``newsroom.workflow.published_changed``: publish, schedule,
  correct, archive, for every publishable kind.
- As a baseline for any other path (admin edits, scripts, deletions): saves and deletions of
  publishable rows in a status the public sees or saw (published, archived), changes of their
  many-to-many relations (tags), and any change to agencies, categories or tags (their names and
  logos appear on public pages). Drafts in progress change nothing public.

After a Redis outage: every process that met it bumps once when it reaches Redis again
(``humas.cache_backend.cache_reconnected``), because the bumps of changes made meanwhile, in it or
in any other process (a task worker, a command), could not be written, while Redis may have kept
the pages of before them.

Menus (portal.menus) keep their own generation, bumped after any change of a menu, a page or an
agency (``MENU_MODELS``): a page's title, address or publication shows in the menus that name it.

Once per change: whatever one transaction changes costs one bump after its commit (a bump
invalidates every page, so one is enough), and the workflow's signal after a step is no second
bump when that commit already bumped for the same object (a step saves its object, so the
baseline has seen it). A kind with no baseline hooks is bumped by the signal alone.
"""

from __future__ import annotations

import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from humas.cache_backend import cache_reconnected
from newsroom.publishing import Publishable, Status
from newsroom.workflow import published_changed

from . import menus
from .cache import bump_generation

#: Statuses in which a save or deletion can change a public page (an archived row was public).
SEEN_STATUSES = frozenset({Status.PUBLISHED, Status.ARCHIVED})
#: Rows shown on public pages beside the publishable ones (names, logos, labels).
SHARED_MODELS = (
    "accounts.Agency",
    "newsroom.Category",
    "newsroom.Tag",
    "portal.Menu",
    "portal.MenuItem",
)
#: Rows a menu is built from (portal.menus): any change builds every site's menus afresh.
MENU_MODELS = ("accounts.Agency", "newsroom.Page", "portal.Menu", "portal.MenuItem")


class _Batch:
    """The public changes of one transaction: its first after-commit callback bumps, once."""

    def __init__(self):
        self.rows: set[tuple[str, object]] = set()  # publishable rows changed
        self.ran = False

    def __call__(self):
        if self.ran:
            return
        self.ran = True
        _state.covered = self.rows
        bump_generation()


class _State(threading.local):
    batch: _Batch | None = None  # the open transaction's, until it commits
    covered: set = frozenset()  # rows whose change the last commit's bump covered


_state = _State()


def changed(row: tuple[str, object] | None = None) -> None:
    """Something public changed (``row``: which publishable row, if one): one bump after commit.

    Every call registers the batch's callback (so it runs whichever savepoint survives); the
    first one to run bumps, the others do nothing. Outside a transaction it runs at once.
    """
    batch = _state.batch
    if batch is None or batch.ran:
        batch = _state.batch = _Batch()
    if row:
        batch.rows.add(row)
    transaction.on_commit(batch, robust=True)


def _row(model, pk) -> tuple[str, object]:
    return (model._meta.label_lower, pk)


def on_published_changed(sender, object_id=None, **kwargs):
    if not getattr(sender, "shown_on_site", True):
        return  # an internal kind (planned social posts): no public page changed
    row = _row(sender, object_id)
    if row in _state.covered:
        _state.covered.discard(row)  # the step's own commit has bumped already
        return
    changed(row)


def on_publishable_saved_or_deleted(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded
    if instance.status in SEEN_STATUSES:
        changed(_row(sender, instance.pk))


def on_publishable_relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and getattr(instance, "status", None) in SEEN_STATUSES:
        changed(_row(type(instance), instance.pk))


def on_shared_row_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        changed()


def on_menu_row_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        transaction.on_commit(menus.bump, robust=True)


def on_cache_reconnected(sender, **kwargs):
    bump_generation()  # at once: the call that reached Redis may read a page next
    menus.bump()


def connect() -> None:
    """Connect the hooks for every publishable kind and the shared rows (PortalConfig.ready)."""
    published_changed.connect(on_published_changed, dispatch_uid="pagecache_workflow")
    cache_reconnected.connect(on_cache_reconnected, dispatch_uid="pagecache_reconnected")
    for label in MENU_MODELS:
        model = apps.get_model(label)
        post_save.connect(on_menu_row_changed, sender=model, dispatch_uid=f"menus_{label}")
        post_delete.connect(on_menu_row_changed, sender=model, dispatch_uid=f"menus_del_{label}")
    for model in apps.get_models():
        if not issubclass(model, Publishable) or not model.shown_on_site:
            continue
        label = model._meta.label_lower
        post_save.connect(
            on_publishable_saved_or_deleted, sender=model, dispatch_uid=f"pagecache_save_{label}"
        )
        post_delete.connect(
            on_publishable_saved_or_deleted, sender=model, dispatch_uid=f"pagecache_del_{label}"
        )
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                on_publishable_relation_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"pagecache_m2m_{label}_{field.name}",
            )
    for label in SHARED_MODELS:
        model = apps.get_model(label)
        post_save.connect(on_shared_row_changed, sender=model, dispatch_uid=f"pagecache_{label}")
        post_delete.connect(
            on_shared_row_changed, sender=model, dispatch_uid=f"pagecache_del_{label}"
        )
