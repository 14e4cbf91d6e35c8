"""CKEditor's bundled sample/test pages and other unused vendor files are never served."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

UNUSED = [
    "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
    "ckeditor/ckeditor/plugins/preview/preview.html",
    "ckeditor/ckeditor/plugins/wsc/dialogs/ciframe.html",
    "ckeditor/ckeditor/README.md",
    "ckeditor/ckeditor/bender-runner.config.json",
    "ckeditor/ckeditor/build-config.js",
    # django-ckeditor's browse page's gallery (jQuery 1.3): templates/ckeditor/browse.html instead
    "ckeditor/galleriffic/js/jquery-1.3.2.js",
]
USED = ["ckeditor/ckeditor/ckeditor.js", "ckeditor/ckeditor-init.js", "css/site.css",
        "admin/js/core.js"]  # fmt: skip


def test_unused_vendor_files_exist_in_the_package_but_no_finder_returns_them():
    import ckeditor

    package_static = ckeditor.__path__[0] + "/static/"
    listed = {path for finder in finders.get_finders() for path, _ in finder.list([])}
    for path in UNUSED:
        assert Path(package_static + path).stat().st_size  # still in the package
        assert finders.find(path) is None
        assert path not in listed
    for path in USED:
        assert finders.find(path)
    assert not [p for p in listed if p.startswith("ckeditor/") and p.endswith(".html")]


def _whitenoise_client(settings, **whitenoise):
    for name, value in whitenoise.items():
        setattr(settings, name, value)
    return Client()  # a new client builds the middleware chain with these settings


@pytest.mark.django_db
def test_development_static_serving_refuses_unused_vendor_files(settings):
    client = _whitenoise_client(settings, WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
    for path in UNUSED:
        assert client.get(settings.STATIC_URL + path).status_code == 404, path
    for path in USED:
        assert client.get(settings.STATIC_URL + path).status_code == 200, path


@pytest.mark.django_db
def test_collected_static_files_leave_out_unused_vendor_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", "--noinput", verbosity=0)
    collected = {p.relative_to(settings.STATIC_ROOT).as_posix() for p in
                 settings.STATIC_ROOT.rglob("*") if p.is_file()}  # fmt: skip
    assert not [p for p in collected if p.startswith("ckeditor/") and p.endswith((".html", ".md"))]
    assert set(USED) <= collected
    client = _whitenoise_client(
        settings, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False
    )
    for path in UNUSED:
        assert client.get(settings.STATIC_URL + path).status_code == 404, path
    assert client.get(settings.STATIC_URL + "ckeditor/ckeditor/ckeditor.js").status_code == 200
