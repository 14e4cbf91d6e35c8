"""Everything a user reads is in Bahasa Indonesia by default: the catalog is complete, compiled."""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"


def test_every_message_has_an_indonesian_translation():
    catalog = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalog if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert untranslated == []


def test_compiled_catalog_matches_the_po_file(tmp_path):
    catalog = polib.pofile(str(PO))
    compiled = polib.mofile(str(PO.with_suffix(".mo")))
    # Keyed by context too: "Form" (a DIP field) and "Form" (a kind of document) differ.
    assert {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgid} == {
        (e.msgctxt, e.msgid): e.msgstr for e in catalog if e.translated() and not e.obsolete
    }


def test_indonesian_is_the_default_language(client, db):
    assert settings.LANGUAGE_CODE == "id"
    response = client.get("/admin/login/")
    assert response["Content-Language"] == "id"
    with translation.override("id"):
        assert translation.gettext("Newsroom and PPID service") != "Newsroom and PPID service"
