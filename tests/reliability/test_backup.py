"""`make backup` / `make restore` (tools/backup.py) on a SQLite installation: a backup taken from a
running site, the site wiped, the backup restored: every article, revision, request and file is
back."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
TABLES = ["newsroom_article", "newsroom_revision", "ppid_informationrequest",
          "ppid_requestattachment", "accounts_user"]  # fmt: skip


@pytest.fixture
def runner(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup tool; PostgreSQL uses pg_dump (docs/security.md)")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site' / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "site" / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "site" / "private_media"),
        "DJANGO_SETTINGS_MODULE": "humas.settings",
    }
    env.pop("REDIS_URL", None)
    (tmp_path / "site").mkdir()

    def run(*args):
        result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=300)  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    return run


@pytest.fixture
def site(runner, tmp_path):
    run = runner
    run("manage.py", "migrate", "--noinput", "-v0")
    run("manage.py", "seed_demo")
    # A personal upload too, so private files are part of the round trip.
    run("manage.py", "shell", "-c", (
        "from django.core.files.uploadedfile import SimpleUploadedFile as F;"
        "from ppid.models import InformationRequest as R; from ppid.services import files;"
        "files.save_file(R.objects.first(), F('ktp.pdf', b'%PDF-1.4 x'), 'requester')"
    ))  # fmt: skip
    return tmp_path / "site", run


def snapshot(folder: Path) -> dict:
    with sqlite3.connect(folder / "db.sqlite3") as conn:
        rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    conn.close()
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.name != "db.sqlite3")  # fmt: skip
    return {"rows": rows, "files": files}


def test_backup_wipe_restore_brings_everything_back(site, tmp_path):
    folder, run = site
    before = snapshot(folder)
    sizes = {t: len(r) for t, r in before["rows"].items()}
    assert all(sizes[t] for t in TABLES), sizes
    assert any(f.startswith("private_media/") for f in before["files"])

    archive = Path(run("tools/backup.py", "backup", str(tmp_path / "backups")).strip())
    assert archive.exists() and oct(archive.stat().st_mode & 0o777) == "0o600"

    # Disaster: the database and every uploaded file are gone.
    for path in folder.iterdir():
        if path.is_dir():
            import shutil

            shutil.rmtree(path)
        else:
            path.unlink()
    out = run("tools/backup.py", "restore", str(archive))
    assert "Restored the backup" in out

    assert snapshot(folder) == before
    # The restored site works: Django sees the same data.
    count = run("manage.py", "shell", "-c",
                "from newsroom.models import Article; print(Article.objects.count())")  # fmt: skip
    assert int(count.strip().splitlines()[-1]) == len(before["rows"]["newsroom_article"])


def test_restore_refuses_an_archive_that_is_not_a_backup(runner, tmp_path):
    run = runner
    import tarfile

    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        readme = tmp_path / "README"
        readme.write_text("x")
        tar.add(readme, "README")
    with pytest.raises(AssertionError, match="not a Humas backup"):
        run("tools/backup.py", "restore", str(bogus))
