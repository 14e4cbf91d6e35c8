"""The staff admin reads as one Indonesian product (issue 14 item 10).

Every list and add form a role can open is in Indonesian (no label from a list of English words
Django and our models used to show), filters offer only the person's own agencies and what belongs
to them, dates read the Indonesian way, /favicon.ico answers, and the catalog uses one word for an
article's lead ("teras berita") and one for e-mail ("e-mail").
"""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.contrib import admin
from django.utils import timezone

from accounts.models import Membership, Role
from outreach.planning import Pillar
from outreach.posts import PlannedPost
from ppid.models import PersonalDataView

CATALOG = Path(__file__).resolve().parent.parent / "locale" / "id" / "LC_MESSAGES" / "django.po"
ROLES = ["writer", "supervisor", "ppid_officer", "ppid_head", "agency_admin"]

#: English a staff member once met in the admin (issue 14), and Django's wording we replaced.
ENGLISH = [
    r"\bCreated by\b", r"\bDecided by\b", r"\bUpdated by\b", r"\bYear\b", r"\bSequence\b",
    r"\bAdd\b", r"\bSave\b", r"\bSearch\b", r"\bFilter\b", r"\bShow all\b", r"\btotal\b",
    r"\bresults?\b", r"\bSelect\b", r"\bDelete\b", r"\bHistory\b", r"\bToday\b", r"\bYes\b",
    r"\bUnknown\b", r"\bAny date\b", r"\bPast 7 days\b", r"\bThis month\b", r"\bName\b",
    r"\bDate\b", r"\bTitle\b", r"\bAgency\b", r"\bAction\b", r"\bselected\b", r"\bRemove\b",
    r"\bCreated\b", r"\bUpdated\b", r"\bEmail\b", r"\bemail\b",
    # Django's own Indonesian that reads badly, overridden in our catalog (humas/admin_wording.py).
    r"\bbuah\b", r"\b[Rr]ubah\b", r"\bRUBAH\b", r"\banda\b",
    # One word for each term: "e-mail" and "teras berita".
    r"\b[Ss]urel\b", r"\b[Pp]aragraf pembuka\b",
]  # fmt: skip
ENGLISH_RE = re.compile("|".join(ENGLISH))


class _Text(HTMLParser):
    """Text a person reads or hears: the page's text and its titles, labels and placeholders."""

    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def readable(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_in(html: str) -> list[str]:
    return sorted({m.group(0) for m in ENGLISH_RE.finditer(readable(html))})


def admin_pages(user):
    """The changelist and (when allowed) the add form of every admin the person can open."""
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_module_permission(request):
            continue
        info = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        if model_admin.has_view_permission(request):
            yield info
        if model_admin.has_add_permission(request):
            yield info + "add/"


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_list_and_add_form_a_role_opens_is_in_indonesian(
    role, request, client, make_article, agency
):
    user = request.getfixturevalue(role)
    make_article(agency, user, title="Nelayan menerima bantuan")
    client.force_login(user)
    found = {}
    pages = list(admin_pages(user))
    assert pages, role
    for path in ["/admin/", *pages]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        english = english_in(response.content.decode())
        if english:
            found[path] = english
    assert found == {}


def test_a_search_counts_results_in_indonesian(client, supervisor, make_article, agency):
    make_article(agency, supervisor, title="Nelayan menerima bantuan")
    make_article(agency, supervisor, title="Pelatihan budidaya")
    client.force_login(supervisor)
    text = readable(client.get("/admin/newsroom/article/?q=Nelayan").content.decode())
    # Django's Indonesian said "1 buah (2 total)".
    assert re.search(r"1 hasil \( ?2 seluruhnya ?\)", text)


def test_the_favicon_answers_instead_of_a_404(client, supervisor):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/img/favicon.svg")
    client.force_login(supervisor)
    page = client.get("/admin/newsroom/article/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', page)


def test_someone_of_one_agency_gets_no_agency_column_or_filter(
    client, supervisor, other_writer, make_article, agency, other_agency
):
    make_article(agency, supervisor, title="Berita Dislutkan")
    make_article(other_agency, other_writer, title="Berita BPSDM")
    client.force_login(supervisor)
    page = client.get("/admin/newsroom/article/").content.decode()
    assert "Berita Dislutkan" in page
    assert other_agency.name not in page and "BPSDM" not in page
    # One agency's name on every row says nothing: no column, no filter by agency.
    assert "column-agency" not in page and "agency__id__exact" not in page


def test_someone_of_two_agencies_filters_by_their_short_names_only(
    client, make_user, agency, other_agency, make_article
):
    from accounts.models import Agency

    third = Agency.objects.create(name="Kementerian Ketiga", short_name="Ketiga", slug="ketiga")
    editor = make_user("dua_instansi", Role.SUPERVISOR, agency)
    Membership.objects.create(user=editor, agency=other_agency, role=Role.SUPERVISOR)
    for owner in (agency, other_agency, third):
        make_article(owner, editor, title=f"Berita {owner.short_name}")
    client.force_login(editor)
    page = client.get("/admin/newsroom/article/").content.decode()
    filters = page.split('id="changelist-filter"', 1)[1]
    assert f"agency__id__exact={agency.pk}" in filters
    assert f"agency__id__exact={other_agency.pk}" in filters
    assert f"agency__id__exact={third.pk}" not in filters and "Ketiga" not in page
    # The column names each row's agency by its short name, not the long official one.
    assert "column-agency_label" in page and ">BPSDM<" in page


def test_a_person_filter_lists_only_people_of_the_persons_agencies(
    client, ppid_head, ppid_officer, make_user, agency, other_agency
):
    outsider = make_user("petugas_lain", Role.PPID_OFFICER, other_agency, first_name="Yohanes")
    PersonalDataView.objects.create(agency=agency, viewer=ppid_officer, what="Permohonan 1")
    # A row of this agency viewed by someone who works elsewhere (moved on, or a second hat).
    PersonalDataView.objects.create(agency=agency, viewer=outsider, what="Permohonan 2")
    PersonalDataView.objects.create(agency=other_agency, viewer=outsider, what="Permohonan 3")
    client.force_login(ppid_head)
    page = client.get("/admin/ppid/personaldataview/").content.decode()
    filters = page.split('id="changelist-filter"', 1)[1]
    assert f"viewer__id__exact={ppid_officer.pk}" in filters
    assert f"viewer__id__exact={outsider.pk}" not in filters


def test_dates_in_lists_read_the_indonesian_way(client, supervisor, make_article, agency):
    moment = timezone.make_aware(datetime.datetime(2026, 12, 7, 14, 30))
    make_article(agency, supervisor, title="Berita Desember", publish_at=moment)
    pillar = Pillar.objects.create(agency=agency, name="Edukasi", target_share=30)
    PlannedPost.objects.create(agency=agency, author=supervisor, platform="instagram",
                               caption="Ajakan", planned_at=moment, pillar=pillar)  # fmt: skip
    client.force_login(supervisor)
    articles = readable(client.get("/admin/newsroom/article/").content.decode())
    assert "7 Desember 2026, 14.30 WIB" in articles
    posts = readable(client.get("/admin/outreach/plannedpost/").content.decode())
    assert "7 Des 2026, 14.30" in posts
    for text in (articles, posts):
        assert not re.search(r"\b07[-/]12[-/]2026\b|\b2026-12-07\b", text)


def test_the_catalog_uses_one_word_for_lead_and_one_for_e_mail():
    catalog = polib.pofile(str(CATALOG))
    off = []
    for entry in catalog:
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            if re.search(r"\b[Ss]urel\b|\b[Pp]aragraf pembuka\b|\bemail\b", text):
                off.append((entry.msgid, text))
        lead = re.search(r"\blead\b", entry.msgid, re.I)
        if lead and entry.msgstr and "teras berita" not in entry.msgstr.lower():
            off.append((entry.msgid, entry.msgstr))
    assert off == []


def test_djangos_wording_overrides_survive_a_catalog_update():
    # makemessages --no-obsolete keeps only msgids our sources name: humas/admin_wording.py
    # names Django's, so its overrides stay in the catalog.
    catalog = {e.msgid: e for e in polib.pofile(str(CATALOG))}
    source = (Path(__file__).resolve().parent.parent / "humas" / "admin_wording.py").read_text()
    for msgid in ["%(counter)s result", "%(full_result_count)s total", "email address"]:
        assert f'"{msgid}"' in source
        entry = catalog[msgid]
        assert entry.translated() and not entry.fuzzy


def test_the_recovery_codes_file_dates_itself_the_indonesian_way(client, supervisor):
    from django.urls import reverse

    from accounts.two_factor import FRESH_CODES_SESSION_KEY

    client.force_login(supervisor)
    session = client.session
    session[FRESH_CODES_SESSION_KEY] = ["abcd2345efgh"]
    session.save()
    text = client.get(reverse("two_factor:download_recovery_codes")).content.decode()
    # "Dibuat pada 7 Desember 2026, 14.30 WIB", not 07-12-2026 14:30.
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}\.\d{2} WIB", text), text
    assert not re.search(r"\d{2}-\d{2}-\d{4}", text)


def test_a_related_filter_lists_only_the_persons_agencys_rows(
    client, supervisor, other_writer, agency, other_agency
):
    moment = timezone.make_aware(datetime.datetime(2026, 12, 7, 14, 30))
    rows = [
        (agency, supervisor, "Edukasi publik"),
        (agency, supervisor, "Layanan publik"),
        (other_agency, other_writer, "Pilar rahasia B"),
    ]
    for owner, author, name in rows:
        pillar = Pillar.objects.create(agency=owner, name=name, target_share=30)
        PlannedPost.objects.create(agency=owner, author=author, platform="instagram",
                                   caption="Ajakan", planned_at=moment, pillar=pillar)  # fmt: skip
    client.force_login(supervisor)
    page = client.get("/admin/outreach/plannedpost/").content.decode()
    filters = page.split('id="changelist-filter"', 1)[1]
    assert "Edukasi publik" in filters and "Layanan publik" in filters
    assert "Pilar rahasia B" not in page
