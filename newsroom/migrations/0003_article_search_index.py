"""GIN index for the portal's full-text search (PostgreSQL only; SQLite searches without it).

An expression index rather than a stored column: nothing to keep in sync, and no extra column in
every article query. The expression must stay identical to newsroom.search.DOCUMENT_SQL.
"""

from django.db import migrations

INDEX_NAME = "article_search_idx"
DOCUMENT_SQL = (
    "(setweight(to_tsvector('indonesian'::regconfig, coalesce(\"title\", '')), 'A')"
    " || setweight(to_tsvector('indonesian'::regconfig, coalesce(\"lead\", '')), 'B')"
    " || setweight(to_tsvector('indonesian'::regconfig, coalesce(\"body\", '')), 'C'))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON "newsroom_article" USING GIN (({DOCUMENT_SQL}))'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_workflow_history_and_notifications")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
