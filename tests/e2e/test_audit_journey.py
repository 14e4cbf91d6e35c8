"""Issue 14, item 9 in a browser: a supervisor approves an article, the agency administrator
changes a member's role, then opens the agency's audit log, finds each step by person and by
action, and downloads the day's entries as CSV."""

import pytest
from django.utils import timezone

from accounts.models import Agency, Membership, User
from newsroom import editing, workflow
from newsroom.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Panen raya udang vaname di Kapuas"


def in_review(title):
    writer = User.objects.get(username="penulis")
    article = editing.create(
        Article(
            agency=Agency.objects.get(slug="dislutkan"),
            title=title,
            lead="Tiga kelompok pembudidaya di Kapuas memanen dua belas ton udang vaname.",
            body="<p>Dinas Kelautan dan Perikanan mendampingi panen raya udang vaname.</p>",
            cover_caption="Panen udang vaname.",
            cover_credit="Humas Dislutkan",
        ),
        actor=writer,
    )
    return workflow.submit(article, actor=writer)


def result_rows(person) -> list[str]:
    return person.page.locator("#result_list tbody tr").all_inner_texts()


def pick_filter(person, title, choice):
    person.page.locator(f"#changelist-filter details[data-filter-title='{title}'] a",
                        has_text=choice).first.click()  # fmt: skip
    person.page.wait_for_load_state("load")


def test_the_agency_administrator_finds_an_approval_and_a_role_change_in_the_log(visitor):
    article = in_review(TITLE)

    supervisor = visitor("audit-supervisor", viewport={"width": 1366, "height": 900})
    supervisor.login("penyunting")
    supervisor.goto(f"/admin/newsroom/article/{article.pk}/change/")
    form = supervisor.page.locator("form:has(button[name=action][value=approve])")
    confirm = form.locator("input[name=confirm_checks]")
    if confirm.count():
        confirm.check()
    form.locator("button[value=approve]").click()
    supervisor.page.wait_for_selector("ul.messagelist")
    assert Article.objects.get(pk=article.pk).status == "published"

    admin = visitor("audit-admin", viewport={"width": 1366, "height": 900})
    admin.login("admin_instansi")
    membership = Membership.objects.get(user__username="penulis", agency__slug="dislutkan")
    admin.goto(f"/admin/accounts/membership/{membership.pk}/change/")
    admin.page.select_option("#id_role", "supervisor")
    admin.page.click("input[name=_save]")
    admin.page.wait_for_selector("ul.messagelist")

    # The log is in the administrator's menu.
    admin.page.locator("#nav-sidebar a", has_text="Log audit").first.click()
    admin.page.wait_for_url("**/admin/audit/auditentry/")
    admin.check("log")
    pick_filter(admin, "pelaku", "Budi Santoso")
    pick_filter(admin, "tindakan", "Berita: Disetujui dan diterbitkan")
    admin.check("log-by-supervisor-approvals")
    rows = result_rows(admin)
    assert any(TITLE in row and "Budi Santoso" in row for row in rows), rows

    admin.goto("/admin/audit/auditentry/")
    pick_filter(admin, "tindakan", "Keanggotaan: Peran diubah")
    admin.check("log-role-changes")
    [row] = result_rows(admin)
    assert "Dewi Lestari" in row and "Rina Wulandari" in row
    assert "Peran diubah dari Penulis menjadi Penyunting" in row

    # Today's entries, both of them, in the CSV a spreadsheet opens.
    today = timezone.localdate().strftime("%d/%m/%Y")
    admin.goto("/admin/audit/auditentry/")
    admin.page.fill("#audit-from", today)
    admin.page.fill("#audit-to", today)
    admin.page.locator(".audit-date-range button[type=submit]").click()
    admin.page.wait_for_load_state("load")
    admin.check("log-today")
    with admin.page.expect_download() as download:
        admin.page.click("a.audit-export")
    with open(download.value.path(), encoding="utf-8-sig") as csv_file:
        text = csv_file.read()
    approved = [line for line in text.splitlines() if "newsroom.article.approved" in line]
    assert len(approved) == 1 and "Budi Santoso" in approved[0] and TITLE in approved[0]
    changed = [line for line in text.splitlines() if "accounts.membership.role_changed" in line]
    assert len(changed) == 1 and "Dewi Lestari" in changed[0]

    # On a phone: the filters and the list stay usable, nothing wider than the screen but the
    # list itself (which scrolls sideways inside its box).
    phone = visitor("audit-phone", viewport={"width": 360, "height": 800})
    phone.login("atasan_ppid")
    phone.goto("/admin/audit/auditentry/?aksi=accounts.membership.role_changed")
    assert "Rina Wulandari" in phone.page.inner_text("#result_list")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 360
