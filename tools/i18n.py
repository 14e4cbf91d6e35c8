"""Maintain the Indonesian catalog (locale/id) safely while several people edit it.

    python tools/i18n.py update          # makemessages + compile (.po and .mo)
    python tools/i18n.py missing         # list msgids without an Indonesian translation
    python tools/i18n.py fill FILE.json  # {"English msgid": "Terjemahan", ...} -> .po, then compile

Every write holds an exclusive lock on locale/.lock, so two updates never overwrite each other.
"""

import fcntl
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
PYTHON = sys.executable


@contextmanager
def locked():
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(ROOT / "locale" / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _manage(*args: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "humas.settings"}
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True, env=env)  # noqa: S603


def _compile() -> None:
    catalog = polib.pofile(str(PO))
    catalog.metadata.update(
        {
            "Project-Id-Version": "Humas",
            "Language": "id",
            "Language-Team": "Humas <humas@localhost>",
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
    )
    catalog.metadata_is_fuzzy = False
    catalog.header = "Indonesian catalog of Humas. Maintained with tools/i18n.py."
    catalog.save()
    catalog.save_as_mofile(str(PO.with_suffix(".mo")))


def update() -> None:
    with locked():
        _manage(
            "makemessages", "-l", "id", "--no-obsolete", "--no-location",
            "--ignore", ".venv/*", "--ignore", "tests/*", "--ignore", "bench/*",
            "--ignore", "tools/*", "--ignore", "staticfiles/*", "--ignore", "media/*",
        )  # fmt: skip
        _compile()


def missing() -> list[str]:
    catalog = polib.pofile(str(PO))
    return [e.msgid for e in catalog if not e.obsolete and (not e.translated() or e.fuzzy)]


def fill(path: str) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    with locked():
        catalog = polib.pofile(str(PO))
        for entry in catalog:
            if entry.msgid in translations:
                value = translations[entry.msgid]
                if entry.msgid_plural:
                    forms = value if isinstance(value, list) else [value]
                    entry.msgstr_plural = {0: forms[0]}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalog.save()
        _compile()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "missing":
        print("\n".join(json.dumps(msgid, ensure_ascii=False) for msgid in missing()))
    elif command == "fill":
        fill(sys.argv[2])
    else:
        sys.exit(__doc__)
