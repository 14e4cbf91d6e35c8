"""The pages every Indonesian agency site has (Profil, Visi dan Misi, ..., the PPID section),
created for an agency in one call, as drafts ready to fill.

``create_standard_pages`` is the one entry point: the admin (a new agency, the "Buat halaman
standar" action) and ``seed_demo`` go through it. It is idempotent: a page already at one of the
addresses is left as it is (whoever made it), so running it twice, or after staff moved things
around, adds only what is missing.

The texts are Indonesian content, not interface strings: the PPID pages follow UU 14/2008,
PP 61/2010 and Perki 1/2021 and are complete for any agency; the pages about the agency itself
(Profil, Visi dan Misi, ...) carry prompts for what to write, each "[isi: ...]", which the
pre-publication checklist (newsroom.checks, placeholder text) points out until replaced.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Agency, Role

from .models import Page
from .publishing import Status
from .revisions import Revision, add_revision
from .workflow import WorkflowError, record_event

#: The PPID section's address under /instansi/<agency>/ ("ppid" alone would read like the
#: portal's own PPID desk on an agency's domain).
PPID_SECTION = "layanan-ppid"


@dataclass(frozen=True)
class StandardPage:
    slug: str
    title: str
    position: int
    lead: str
    body: str
    parent: str | None = None  # the slug of a top-level standard page

    @property
    def path(self) -> str:
        return f"{self.parent}/{self.slug}" if self.parent else self.slug


def _list(items) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


NATIONAL_LAWS = (
    "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan;",
    "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi;",
    "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 Tahun "
    "2008 tentang Keterbukaan Informasi Publik;",
    "Peraturan Komisi Informasi Nomor 1 Tahun 2013 tentang Prosedur Penyelesaian Sengketa "
    "Informasi Publik;",
    "Peraturan Komisi Informasi Nomor 1 Tahun 2017 tentang Pengklasifikasian Informasi Publik;",
    "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;",
)

STANDARD_PAGES: tuple[StandardPage, ...] = (
    StandardPage(
        "profil",
        "Profil",
        10,
        "Sekilas tentang {name}.",
        "<p>{name} ({short}) adalah [isi: kedudukan instansi, misalnya perangkat daerah "
        "yang membidangi ...] yang berkedudukan di [isi: kota].</p>"
        "<h2>Sejarah Singkat</h2><p>[isi: sejarah pembentukan instansi dan dasar "
        "hukumnya]</p><h2>Wilayah Kerja</h2><p>[isi: wilayah kerja dan unit pelaksana "
        "teknis di bawahnya]</p>",
    ),
    StandardPage(
        "visi-dan-misi",
        "Visi dan Misi",
        20,
        "Visi dan misi {name}.",
        "<h2>Visi</h2><p>[isi: visi instansi sesuai Rencana Strategis yang berlaku]</p>"
        "<h2>Misi</h2><ol><li>[isi: misi pertama]</li><li>[isi: misi kedua]</li>"
        "<li>[isi: misi ketiga]</li></ol>",
    ),
    StandardPage(
        "tugas-dan-fungsi",
        "Tugas dan Fungsi",
        30,
        "Tugas pokok dan fungsi {name}.",
        "<h2>Tugas</h2><p>[isi: tugas instansi sesuai peraturan tentang kedudukan, susunan "
        "organisasi, tugas dan fungsi]</p><h2>Fungsi</h2><p>Dalam melaksanakan tugas tersebut, "
        "{short} menyelenggarakan fungsi:</p><ol><li>[isi: fungsi pertama]</li>"
        "<li>[isi: fungsi kedua]</li></ol>",
    ),
    StandardPage(
        "struktur-organisasi",
        "Struktur Organisasi",
        40,
        "Susunan organisasi {name}.",
        "<p>[isi: unggah bagan struktur organisasi pada kolom Gambar, lalu uraikan susunannya "
        "di sini]</p>"
        + _list(["Kepala;", "Sekretariat;", "[isi: bidang];", "[isi: unit pelaksana teknis]."]),
    ),
    StandardPage(
        "profil-pimpinan",
        "Profil Pimpinan",
        50,
        "{head_title} {name}.",
        "<p>[isi: nama lengkap dan gelar], {head_title}.</p><h2>Riwayat Pendidikan</h2>"
        "<p>[isi: riwayat pendidikan]</p><h2>Riwayat Jabatan</h2>"
        "<p>[isi: riwayat jabatan]</p>",
    ),
    StandardPage(
        "kontak",
        "Kontak",
        60,
        "Alamat, telepon, e-mail dan jam layanan {name}.",
        "<h2>Alamat Kantor</h2><p>{address}</p><h2>Telepon dan E-mail</h2>"
        "<p>Telepon: {phone}<br>E-mail: {email}</p><h2>Jam Layanan</h2><p>{hours}</p>"
        "<h2>Pengaduan</h2><p>Pengaduan pelayanan publik dapat pula disampaikan melalui "
        '<a href="https://www.lapor.go.id">SP4N-LAPOR!</a>.</p>',
    ),
    StandardPage(
        PPID_SECTION,
        "PPID",
        70,
        "Pejabat Pengelola Informasi dan Dokumentasi {name}.",
        "<p>Pejabat Pengelola Informasi dan Dokumentasi (PPID) {name} melayani permohonan "
        "informasi publik sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan "
        "Informasi Publik. Pilih halaman di bawah ini untuk mengetahui profil, struktur, "
        "maklumat dan standar layanan PPID.</p>",
    ),
    StandardPage(
        "profil-ppid",
        "Profil PPID",
        10,
        "Kedudukan, tugas dan wewenang PPID {short}.",
        "<p>PPID {name} adalah pejabat yang bertanggung jawab di bidang penyimpanan, "
        "pendokumentasian, penyediaan dan/atau pelayanan informasi publik di lingkungan "
        "{short}, sebagaimana diamanatkan Undang-Undang Nomor 14 Tahun 2008 dan Peraturan "
        "Pemerintah Nomor 61 Tahun 2010.</p><h2>Tugas</h2>"
        + _list(
            [
                "menyediakan, menyimpan, mendokumentasikan dan mengamankan informasi publik;",
                "memberikan pelayanan informasi publik yang cepat, tepat dan sederhana;",
                "menetapkan prosedur operasional penyebarluasan informasi publik;",
                "melakukan pengujian konsekuensi atas informasi yang dikecualikan;",
                "memutakhirkan Daftar Informasi Publik secara berkala.",
            ]
        )
        + "<h2>Wewenang</h2>"
        + _list(
            [
                "menolak memberikan informasi yang dikecualikan sesuai ketentuan "
                "peraturan perundang-undangan;",
                "meminta dan memperoleh informasi dari unit kerja di lingkungan {short};",
                "mengoordinasikan pemberian pelayanan informasi dengan PPID Pelaksana.",
            ]
        ),
        parent=PPID_SECTION,
    ),
    StandardPage(
        "struktur-ppid",
        "Struktur PPID",
        20,
        "Susunan PPID {short} beserta tugasnya.",
        '<table><thead><tr><th scope="col">Kedudukan</th><th scope="col">Jabatan</th>'
        "</tr></thead><tbody>"
        "<tr><td>Atasan PPID</td><td>{head_title}</td></tr>"
        "<tr><td>PPID</td><td>[isi: sekretaris atau pejabat yang membidangi informasi]</td></tr>"
        "<tr><td>Bidang Pelayanan Informasi</td><td>[isi: jabatan]</td></tr>"
        "<tr><td>Bidang Pengolahan Data dan Dokumentasi</td><td>[isi: jabatan]</td></tr>"
        "<tr><td>Bidang Penyelesaian Sengketa Informasi</td><td>[isi: jabatan]</td></tr>"
        "</tbody></table><p>Atasan PPID memutus keberatan atas pelayanan informasi; PPID "
        "menetapkan jawaban atas permohonan informasi publik.</p>",
        parent=PPID_SECTION,
    ),
    StandardPage(
        "maklumat-pelayanan",
        "Maklumat Pelayanan",
        30,
        "Janji pelayanan informasi publik {name}.",
        "<blockquote><p><strong>MAKLUMAT PELAYANAN</strong></p><p>Dengan ini kami menyatakan "
        "sanggup menyelenggarakan pelayanan informasi publik sesuai dengan standar layanan yang "
        "telah ditetapkan, dan apabila tidak menepati janji ini kami siap menerima sanksi sesuai "
        "dengan ketentuan peraturan perundang-undangan yang berlaku.</p>"
        "<p>{head_title}<br>{name}</p><p><strong>{head_name}</strong></p></blockquote>",
        parent=PPID_SECTION,
    ),
    StandardPage(
        "standar-layanan",
        "Standar Layanan",
        40,
        "Jangka waktu, biaya dan saluran layanan informasi publik sesuai Perki 1/2021.",
        "<h2>Saluran Permohonan</h2>"
        + _list(
            [
                "datang langsung ke meja layanan informasi: {address};",
                "formulir daring di portal ini (menu Ajukan Permohonan Informasi);",
                "e-mail ke {email} atau telepon {phone}.",
            ]
        )
        + "<h2>Jangka Waktu</h2>"
        + _list(
            [
                "pemberitahuan tertulis paling lambat <strong>10 hari kerja</strong> sejak "
                "permohonan diterima;",
                "dapat diperpanjang paling lama <strong>7 hari kerja</strong> dengan "
                "pemberitahuan alasan secara tertulis;",
                "keberatan diajukan kepada Atasan PPID paling lambat <strong>30 hari "
                "kerja</strong> sejak alasan keberatan timbul, dan dijawab paling lambat "
                "<strong>30 hari kerja</strong>;",
                "sengketa diajukan ke Komisi Informasi paling lambat <strong>14 hari "
                "kerja</strong> sejak tanggapan Atasan PPID diterima.",
            ]
        )
        + "<h2>Biaya</h2><p>Layanan informasi publik tidak dipungut biaya. Biaya penggandaan "
        "atau pengiriman salinan, bila ada, ditanggung pemohon sesuai biaya nyata.</p>"
        "<h2>Jam Layanan</h2><p>{hours}</p>",
        parent=PPID_SECTION,
    ),
    StandardPage(
        "sop",
        "SOP",
        50,
        "Standar operasional prosedur pelayanan informasi publik.",
        "<h2>SOP Permohonan Informasi Publik</h2><ol>"
        "<li>Pemohon mengisi formulir permohonan secara langsung atau daring dengan "
        "melampirkan identitas.</li>"
        "<li>Petugas mencatat permohonan dalam register dan memberikan nomor pendaftaran.</li>"
        "<li>PPID memeriksa apakah informasi dikuasai, termasuk informasi publik atau "
        "dikecualikan.</li>"
        "<li>PPID menyampaikan pemberitahuan tertulis paling lambat 10 hari kerja, dan dapat "
        "memperpanjang paling lama 7 hari kerja dengan alasan tertulis.</li>"
        "<li>Informasi diserahkan kepada pemohon dalam bentuk salinan cetak atau elektronik.</li>"
        "</ol><h2>SOP Pengajuan Keberatan</h2><ol>"
        "<li>Pemohon mengajukan keberatan kepada Atasan PPID paling lambat 30 hari kerja.</li>"
        "<li>Petugas mencatat keberatan dan memberikan nomor registrasi keberatan.</li>"
        "<li>Atasan PPID memberikan tanggapan tertulis paling lambat 30 hari kerja.</li>"
        "<li>Bila tidak puas, pemohon dapat mengajukan sengketa ke Komisi Informasi paling "
        "lambat 14 hari kerja.</li></ol>",
        parent=PPID_SECTION,
    ),
    StandardPage(
        "dasar-hukum",
        "Dasar Hukum",
        60,
        "Peraturan yang menjadi dasar pelayanan informasi publik.",
        "<ol>"
        + "".join(f"<li>{law}</li>" for law in NATIONAL_LAWS)
        + "<li>[isi: keputusan pimpinan instansi tentang penetapan PPID]</li></ol>",
        parent=PPID_SECTION,
    ),
)


@dataclass(frozen=True)
class PageText:
    """An agency's own text for a standard page (the demo agencies'); missing parts stay generic."""

    lead: str = ""
    body: str = ""


def agency_values(agency: Agency) -> dict[str, str]:
    """The agency's details that the generic texts fill in, HTML-escaped."""
    values = {
        "name": agency.name,
        "short": agency.short_name or agency.name,
        "address": agency.address or "[isi: alamat kantor]",
        "phone": agency.phone or "[isi: nomor telepon]",
        "email": agency.email or "[isi: alamat e-mail]",
        "hours": agency.service_hours or "Senin–Kamis 08.00–16.00 WIB, Jumat 08.00–16.30 WIB",
        "head_title": agency.head_title or "Kepala",
        "head_name": agency.head_name or "[isi: nama pimpinan]",
    }
    return {key: html.escape(value).replace("\n", "<br>") for key, value in values.items()}


def can_create_standard_pages(user, agency: Agency) -> bool:
    """Setting up an agency's site is for its administrators (and superusers)."""
    return permissions.has_role(user, agency, Role.AGENCY_ADMIN)


def create_standard_pages(
    agency: Agency,
    *,
    author,
    texts: dict[str, PageText] | None = None,
    publish: bool = False,
    now: datetime | None = None,
) -> list[Page]:
    """Create ``agency``'s missing standard pages, as drafts by ``author``; return the new ones.

    ``texts`` replaces the generic text of pages by slug (the demo agencies'). ``publish`` (for
    ``seed_demo`` only) publishes the new pages at once instead of leaving them to review.
    """
    if not can_create_standard_pages(author, agency):
        raise WorkflowError(_("Only the agency's administrators can create its standard pages."))
    texts = texts or {}
    values = agency_values(agency)
    created: list[Page] = []
    with transaction.atomic():
        existing = {page.path: page for page in Page.objects.filter(agency=agency)}
        for spec in STANDARD_PAGES:
            if spec.path in existing:
                continue
            parent = existing.get(spec.parent) if spec.parent else None
            if spec.parent and parent is None:
                continue  # the section's address is taken by something else: leave it alone
            own = texts.get(spec.slug, PageText())
            page = Page(
                agency=agency,
                parent=parent,
                slug=spec.slug,
                title=spec.title,
                position=spec.position,
                lead=own.lead or spec.lead.format(**values),
                body=own.body or spec.body.format(**values),
                author=author,
                status=Status.DRAFT,
            )
            page.save()
            revision = add_revision(page, author, Revision.Kind.DRAFT)
            record_event(page, "created", actor=author, to_status=page.status, revision=revision)
            existing[page.path] = page
            created.append(page)
        if publish and created:
            moment = now or timezone.now()
            Page.objects.filter(pk__in=[page.pk for page in created]).update(
                status=Status.PUBLISHED,
                publish_at=moment,
                first_published_at=moment,
                last_published_at=moment,
                version=2,
            )
    return created


def set_up_new_agency(agency: Agency, *, actor) -> int:
    """The admin's "new agency" step (accounts.admin.AGENCY_SETUP): standard pages, as drafts."""
    return len(create_standard_pages(agency, author=actor))
