"""Back up and restore a SQLite installation: the database and the uploaded files, in one archive.

    python tools/backup.py backup [DIR]     # -> DIR/humas-YYYYMMDD-HHMMSS.tar.gz (default backups/)
    python tools/backup.py restore ARCHIVE  # puts the database and the files back

The database is copied with SQLite's online backup API, so the site may keep running while it is
taken (a plain file copy of a database in use can be torn). The archive holds db.sqlite3, media/
(public uploads) and private_media/ (PPID personal files: keep backups as safe as the server).
PostgreSQL installations use pg_dump / pg_restore instead: see docs/security.md.
"""

import json
import os
import shutil
import sqlite3
import sys
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humas.settings")


def _settings():
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        sys.exit("This tool backs up SQLite only; for PostgreSQL use pg_dump (docs/security.md).")
    return Path(database["NAME"]), Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


def _copy_database(source: Path, target: Path) -> None:
    """Copy one SQLite database into another with the online backup API (consistent snapshot)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _counts(database: Path) -> dict[str, int]:
    tables = ["newsroom_article", "newsroom_revision", "ppid_informationrequest"]
    with sqlite3.connect(database) as conn:
        existing = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
                  for t in tables if t in existing}  # fmt: skip
    conn.close()
    return counts


def backup(destination: Path) -> Path:
    database, media, private = _settings()
    if not database.exists():
        sys.exit(f"No database at {database}.")
    destination.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    archive = destination / f"humas-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        snapshot = Path(work) / "db.sqlite3"
        _copy_database(database, snapshot)
        manifest = Path(work) / "manifest.json"
        manifest.write_text(json.dumps({"taken_at": stamp, "counts": _counts(snapshot)}, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(snapshot, "db.sqlite3")
            tar.add(manifest, "manifest.json")
            for name, folder in (("media", media), ("private_media", private)):
                if folder.exists():
                    tar.add(folder, name)
    archive.chmod(0o600)  # personal data inside
    return archive


def restore(archive: Path) -> dict:
    database, media, private = _settings()
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(work, filter="data")  # refuses absolute paths and ../ members
        work = Path(work)
        snapshot = work / "db.sqlite3"
        if not snapshot.exists():
            sys.exit(f"{archive} holds no db.sqlite3: not a Humas backup.")
        database.parent.mkdir(parents=True, exist_ok=True)
        _copy_database(snapshot, database)
        for name, folder in (("media", media), ("private_media", private)):
            if (work / name).exists():
                shutil.rmtree(folder, ignore_errors=True)
                shutil.copytree(work / name, folder)
        return json.loads((work / "manifest.json").read_text())


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else ""
    if command == "backup":
        archive = backup(Path(argv[2]) if len(argv) > 2 else ROOT / "backups")
        print(archive)
    elif command == "restore" and len(argv) > 2:
        manifest = restore(Path(argv[2]))
        print(f"Restored the backup taken at {manifest['taken_at']}: {manifest['counts']}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
