"""The demo agencies' standard pages for `manage.py seed_demo`: their own profile, vision and
mission, duties, organisation (with a generated chart) and head of agency, published.

The PPID pages keep the standard text of newsroom.standard_pages, filled with each agency's
details. Names of officials are invented for the demo.
"""

from __future__ import annotations

import io
import textwrap

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from accounts.models import Agency, User

from .models import Page
from .standard_pages import NATIONAL_LAWS, PageText, create_standard_pages

DEMO_AUTHOR = "superadmin"


def _laws(*extra: str) -> str:
    return "<ol>" + "".join(f"<li>{law}</li>" for law in (*NATIONAL_LAWS, *extra)) + "</ol>"


KALTENG_LAWS = (
    "Peraturan Menteri Dalam Negeri Nomor 3 Tahun 2017 tentang Pedoman Pengelolaan Pelayanan "
    "Informasi dan Dokumentasi Kementerian Dalam Negeri dan Pemerintahan Daerah;",
    "Peraturan Gubernur Kalimantan Tengah tentang Pedoman Pengelolaan Pelayanan Informasi dan "
    "Dokumentasi di Lingkungan Pemerintah Provinsi Kalimantan Tengah;",
)

#: agency slug -> the units of its organisation chart (head, then the units below it).
ORGANISATION = {
    "dislutkan": (
        "Kepala Dinas",
        [
            "Sekretariat",
            "Bidang Perikanan Tangkap",
            "Bidang Perikanan Budidaya",
            "Bidang Pengolahan dan Pemasaran",
            "Bidang Kelautan dan Pesisir",
            "UPT",
        ],
    ),  # fmt: skip
    "bpsdm-kalteng": (
        "Kepala Badan",
        [
            "Sekretariat",
            "Bidang Pengembangan Kompetensi Teknis",
            "Bidang Kepemimpinan dan Manajerial",
            "Bidang Sertifikasi dan Penjaminan Mutu",
        ],
    ),  # fmt: skip
    "kominfo": (
        "Menteri",
        [
            "Sekretariat Jenderal",
            "Ditjen Informasi dan Komunikasi Publik",
            "Ditjen Aplikasi Informatika",
            "Inspektorat Jenderal",
            "Badan Pengembangan SDM",
        ],
    ),  # fmt: skip
}

IDENTITY = {
    "dislutkan": {
        "service_hours": "Senin–Kamis 07.30–16.00 WIB\nJumat 07.30–16.30 WIB",
        "head_name": "Ir. Rahmat Hidayat, M.Si.",
        "head_title": "Kepala Dinas Kelautan dan Perikanan",
        "instagram_url": "https://www.instagram.com/dislutkan.kalteng",
        "facebook_url": "https://www.facebook.com/dislutkan.kalteng",
        "youtube_url": "https://www.youtube.com/@dislutkankalteng",
    },
    "bpsdm-kalteng": {
        "service_hours": "Senin–Kamis 07.30–16.00 WIB\nJumat 07.30–16.30 WIB",
        "head_name": "Dr. Lilis Suriani, M.Pd.",
        "head_title": "Kepala Badan Pengembangan Sumber Daya Manusia",
        "instagram_url": "https://www.instagram.com/bpsdm.kalteng",
        "youtube_url": "https://www.youtube.com/@bpsdmkalteng",
        "tiktok_url": "https://www.tiktok.com/@bpsdm.kalteng",
    },
    "kominfo": {
        "service_hours": "Senin–Jumat 08.00–16.00 WIB",
        "head_name": "Dr. Arif Wicaksono",
        "head_title": "Menteri Komunikasi dan Informatika",
        "instagram_url": "https://www.instagram.com/kemenkominfo",
        "facebook_url": "https://www.facebook.com/kemkominfo",
        "x_url": "https://x.com/kemkominfo",
        "youtube_url": "https://www.youtube.com/@kemenkominfo",
    },
}

TEXTS: dict[str, dict[str, PageText]] = {
    "dislutkan": {
        "profil": PageText(
            "Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah membina nelayan, pembudidaya "
            "dan pengolah hasil perikanan di tiga belas kabupaten dan satu kota.",
            "<p>Dinas Kelautan dan Perikanan (Dislutkan) Provinsi Kalimantan Tengah merupakan "
            "unsur pelaksana urusan pemerintahan bidang kelautan dan perikanan yang menjadi "
            "kewenangan daerah provinsi. Dinas dipimpin oleh seorang Kepala Dinas yang berada di "
            "bawah dan bertanggung jawab kepada Gubernur melalui Sekretaris Daerah.</p>"
            "<h2>Wilayah Kerja</h2><p>Kalimantan Tengah memiliki garis pantai sekitar 750 km di "
            "pesisir selatan, sebelas sungai besar dan ratusan danau. Dislutkan melayani nelayan "
            "kecil, kelompok pembudidaya ikan, serta pelaku usaha pengolahan dan pemasaran hasil "
            "perikanan di seluruh kabupaten/kota, dibantu Unit Pelaksana Teknis Pelabuhan "
            "Perikanan dan Balai Benih Ikan.</p>",
        ),
        "visi-dan-misi": PageText(
            "Visi dan misi Dislutkan Kalimantan Tengah dalam Rencana Strategis 2021–2026.",
            "<h2>Visi</h2><p>“Terwujudnya kelautan dan perikanan Kalimantan Tengah yang maju, "
            "berdaya saing dan berkelanjutan untuk kesejahteraan masyarakat.”</p><h2>Misi</h2><ol>"
            "<li>Meningkatkan produksi dan produktivitas perikanan tangkap dan budidaya;</li>"
            "<li>Meningkatkan mutu, nilai tambah dan daya saing produk perikanan;</li>"
            "<li>Mengelola sumber daya kelautan, pesisir dan perairan umum secara lestari;</li>"
            "<li>Meningkatkan kapasitas nelayan, pembudidaya dan aparatur;</li>"
            "<li>Mewujudkan tata kelola pemerintahan yang bersih, transparan dan akuntabel.</li>"
            "</ol>",
        ),
        "tugas-dan-fungsi": PageText(
            "Tugas dan fungsi Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah.",
            "<h2>Tugas</h2><p>Membantu Gubernur melaksanakan urusan pemerintahan bidang kelautan "
            "dan perikanan yang menjadi kewenangan daerah serta tugas pembantuan yang diberikan "
            "kepada daerah.</p><h2>Fungsi</h2><ol>"
            "<li>perumusan kebijakan teknis bidang kelautan, perikanan tangkap, perikanan "
            "budidaya, serta pengolahan dan pemasaran hasil perikanan;</li>"
            "<li>pelaksanaan kebijakan pengelolaan ruang laut sampai 12 mil dan penerbitan izin "
            "usaha perikanan sesuai kewenangan provinsi;</li>"
            "<li>pemberdayaan nelayan kecil dan pembudidaya ikan;</li>"
            "<li>pelaksanaan evaluasi dan pelaporan bidang kelautan dan perikanan;</li>"
            "<li>pelaksanaan administrasi dinas.</li></ol>",
        ),
        "struktur-organisasi": PageText(
            "Susunan organisasi Dislutkan Provinsi Kalimantan Tengah.",
            "<p>Dinas terdiri atas Kepala Dinas; Sekretariat (Subbagian Umum dan Kepegawaian, "
            "Subbagian Perencanaan dan Keuangan); Bidang Perikanan Tangkap; Bidang Perikanan "
            "Budidaya; Bidang Pengolahan dan Pemasaran Hasil Perikanan; Bidang Kelautan dan "
            "Pesisir; serta Unit Pelaksana Teknis Dinas dan kelompok jabatan fungsional.</p>",
        ),
        "profil-pimpinan": PageText(
            "Ir. Rahmat Hidayat, M.Si., Kepala Dinas Kelautan dan Perikanan.",
            "<p><strong>Ir. Rahmat Hidayat, M.Si.</strong> menjabat Kepala Dinas Kelautan dan "
            "Perikanan Provinsi Kalimantan Tengah sejak 2023.</p><h2>Riwayat Pendidikan</h2><ul>"
            "<li>S1 Budidaya Perairan, Universitas Lambung Mangkurat;</li>"
            "<li>S2 Pengelolaan Sumber Daya Pesisir dan Lautan, Institut Pertanian Bogor.</li>"
            "</ul><h2>Riwayat Jabatan</h2><ul>"
            "<li>Kepala Bidang Perikanan Budidaya (2015–2019);</li>"
            "<li>Sekretaris Dinas Kelautan dan Perikanan (2019–2023).</li></ul>",
        ),
        "dasar-hukum": PageText(
            body=_laws(
                *KALTENG_LAWS,
                "Keputusan Kepala Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah tentang "
                "Penunjukan PPID Pelaksana Dinas Kelautan dan Perikanan.",
            )
        ),
    },
    "bpsdm-kalteng": {
        "profil": PageText(
            "BPSDM Provinsi Kalimantan Tengah menyelenggarakan pengembangan kompetensi aparatur "
            "sipil negara pemerintah provinsi dan kabupaten/kota.",
            "<p>Badan Pengembangan Sumber Daya Manusia (BPSDM) Provinsi Kalimantan Tengah adalah "
            "unsur penunjang urusan pemerintahan di bidang pendidikan dan pelatihan aparatur. "
            "Setiap tahun BPSDM melatih lebih dari tiga ribu ASN melalui pelatihan dasar CPNS, "
            "pelatihan kepemimpinan, pelatihan teknis dan fungsional, baik klasikal maupun "
            "daring.</p><h2>Sarana</h2><p>Kampus BPSDM di Jalan Tjilik Riwut Km. 5 memiliki "
            "ruang kelas, asrama berkapasitas 200 orang, laboratorium komputer dan studio "
            "pembelajaran daring.</p>",
        ),
        "visi-dan-misi": PageText(
            "Visi dan misi BPSDM Provinsi Kalimantan Tengah.",
            "<h2>Visi</h2><p>“Menjadi pusat pengembangan kompetensi aparatur yang profesional, "
            "inovatif dan berintegritas.”</p><h2>Misi</h2><ol>"
            "<li>Menyelenggarakan pengembangan kompetensi ASN yang bermutu dan terakreditasi;</li>"
            "<li>Mengembangkan pembelajaran digital yang dapat diikuti dari seluruh daerah;</li>"
            "<li>Meningkatkan kualitas widyaiswara dan tenaga kediklatan;</li>"
            "<li>Membangun kemitraan dengan perguruan tinggi dan lembaga pelatihan.</li></ol>",
        ),
        "tugas-dan-fungsi": PageText(
            "Tugas dan fungsi BPSDM Provinsi Kalimantan Tengah.",
            "<h2>Tugas</h2><p>Membantu Gubernur melaksanakan fungsi penunjang urusan pemerintahan "
            "bidang pengembangan sumber daya manusia aparatur.</p><h2>Fungsi</h2><ol>"
            "<li>penyusunan kebijakan teknis pengembangan kompetensi ASN;</li>"
            "<li>penyelenggaraan pelatihan dasar, kepemimpinan, teknis dan fungsional;</li>"
            "<li>penjaminan mutu dan sertifikasi kompetensi;</li>"
            "<li>pelaksanaan administrasi badan.</li></ol>",
        ),
        "struktur-organisasi": PageText(
            "Susunan organisasi BPSDM Provinsi Kalimantan Tengah.",
            "<p>BPSDM terdiri atas Kepala Badan; Sekretariat; Bidang Pengembangan Kompetensi "
            "Teknis; Bidang Kepemimpinan dan Manajerial; Bidang Sertifikasi dan Penjaminan Mutu; "
            "serta kelompok jabatan fungsional widyaiswara.</p>",
        ),
        "profil-pimpinan": PageText(
            "Dr. Lilis Suriani, M.Pd., Kepala BPSDM Provinsi Kalimantan Tengah.",
            "<p><strong>Dr. Lilis Suriani, M.Pd.</strong> memimpin BPSDM Provinsi Kalimantan "
            "Tengah sejak 2024.</p><h2>Riwayat Pendidikan</h2><ul>"
            "<li>S1 Pendidikan, Universitas Palangka Raya;</li>"
            "<li>S3 Manajemen Pendidikan, Universitas Negeri Jakarta.</li></ul>"
            "<h2>Riwayat Jabatan</h2><ul><li>Widyaiswara Ahli Utama (2016–2021);</li>"
            "<li>Sekretaris BPSDM (2021–2024).</li></ul>",
        ),
        "dasar-hukum": PageText(
            body=_laws(
                *KALTENG_LAWS,
                "Keputusan Kepala BPSDM Provinsi Kalimantan Tengah tentang Penunjukan PPID "
                "Pelaksana Badan Pengembangan Sumber Daya Manusia.",
            )
        ),
    },
    "kominfo": {
        "profil": PageText(
            "Kementerian Komunikasi dan Informatika menyelenggarakan urusan pemerintahan di "
            "bidang komunikasi dan informatika.",
            "<p>Kementerian Komunikasi dan Informatika (Kominfo) berada di bawah dan bertanggung "
            "jawab kepada Presiden. Kominfo mengelola pos dan telekomunikasi, penyelenggaraan "
            "aplikasi informatika, serta informasi dan komunikasi publik, termasuk pembinaan "
            "kehumasan pemerintah melalui Badan Koordinasi Kehumasan (Bakohumas).</p>",
        ),
        "visi-dan-misi": PageText(
            "Visi dan misi Kementerian Komunikasi dan Informatika.",
            "<h2>Visi</h2><p>Kominfo mendukung visi Presiden: “Terwujudnya Indonesia Maju yang "
            "Berdaulat, Mandiri dan Berkepribadian Berlandaskan Gotong Royong.”</p><h2>Misi</h2>"
            "<ol><li>Mempercepat pemerataan infrastruktur digital;</li>"
            "<li>Meningkatkan literasi digital masyarakat;</li>"
            "<li>Memperkuat komunikasi publik pemerintah yang terpadu;</li>"
            "<li>Mewujudkan tata kelola data dan ruang digital yang aman.</li></ol>",
        ),
        "tugas-dan-fungsi": PageText(
            "Tugas dan fungsi Kementerian Komunikasi dan Informatika.",
            "<h2>Tugas</h2><p>Menyelenggarakan urusan pemerintahan di bidang komunikasi dan "
            "informatika untuk membantu Presiden dalam menyelenggarakan pemerintahan negara.</p>"
            "<h2>Fungsi</h2><ol><li>perumusan, penetapan dan pelaksanaan kebijakan di bidang "
            "pos, telekomunikasi, aplikasi informatika serta informasi dan komunikasi publik;</li>"
            "<li>koordinasi pelaksanaan tugas, pembinaan dan pemberian dukungan administrasi;</li>"
            "<li>pengelolaan barang milik negara;</li>"
            "<li>pengawasan atas pelaksanaan tugas di lingkungan kementerian.</li></ol>",
        ),
        "struktur-organisasi": PageText(
            "Susunan organisasi Kementerian Komunikasi dan Informatika.",
            "<p>Kementerian dipimpin oleh Menteri, dibantu Sekretariat Jenderal, direktorat "
            "jenderal, Inspektorat Jenderal, badan dan staf ahli menteri.</p>",
        ),
        "profil-pimpinan": PageText(
            "Dr. Arif Wicaksono, Menteri Komunikasi dan Informatika (tokoh rekaan untuk demo).",
            "<p><strong>Dr. Arif Wicaksono</strong> adalah Menteri Komunikasi dan Informatika. "
            "(Nama ini rekaan untuk keperluan demonstrasi.)</p><h2>Riwayat Pendidikan</h2><ul>"
            "<li>S1 Teknik Elektro, Institut Teknologi Bandung;</li>"
            "<li>S3 Kebijakan Publik, Universitas Indonesia.</li></ul>",
        ),
        "dasar-hukum": PageText(
            body=_laws(
                "Peraturan Presiden tentang Kementerian Komunikasi dan Informatika;",
                "Keputusan Menteri Komunikasi dan Informatika tentang Pejabat Pengelola "
                "Informasi dan Dokumentasi di Lingkungan Kementerian Komunikasi dan Informatika.",
            )
        ),
    },
}


def seed(agencies: dict[str, Agency], stdout=None) -> int:
    """Fill the demo agencies' identity and create their standard pages, published."""
    author = User.objects.filter(username=DEMO_AUTHOR).first()
    if author is None:
        return 0
    created = 0
    for slug, agency in agencies.items():
        _fill_identity(agency)
        pages = create_standard_pages(agency, author=author, texts=TEXTS.get(slug), publish=True)
        created += len(pages)
        chart = next((p for p in pages if p.slug == "struktur-organisasi"), None)
        if chart is not None and slug in ORGANISATION:
            head, units = ORGANISATION[slug]
            picture = organisation_chart(agency.short_name, head, units)
            chart.image.save(f"struktur-{slug}.png", ContentFile(picture), save=False)
            chart.image_caption = f"Bagan struktur organisasi {agency.name}"
            chart.image_alt = f"Bagan: {head} membawahi {', '.join(units)}"
            Page.objects.filter(pk=chart.pk).update(
                image=chart.image.name,
                image_alt=chart.image_alt,
                image_caption=chart.image_caption,
            )
    if stdout is not None:
        stdout.write(f"Newsroom: {created} standard pages of the demo agencies created.")
    return created


def _fill_identity(agency: Agency) -> None:
    """The demo identity fields, only where still empty (staff edits are kept)."""
    changed = []
    for name, value in IDENTITY.get(agency.slug, {}).items():
        if not getattr(agency, name):
            setattr(agency, name, value)
            changed.append(name)
    if changed:
        agency.save(update_fields=[*changed, "updated_at"])


def organisation_chart(short_name: str, head: str, units: list[str]) -> bytes:
    """A simple organisation chart as PNG: the head on top, its units in a row below."""
    width, height = 1600, 700
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font, bold = ImageFont.load_default(size=26), ImageFont.load_default(size=34)
    navy, light = (11, 79, 138), (232, 241, 250)
    draw.text((60, 40), f"Struktur Organisasi {short_name}", font=bold, fill=navy)
    top = (width // 2 - 200, 130, width // 2 + 200, 220)
    draw.rounded_rectangle(top, radius=14, fill=navy)
    draw.text((width // 2, 175), head, font=bold, fill=(255, 255, 255), anchor="mm")
    draw.line((width // 2, 220, width // 2, 300), fill=navy, width=4)
    gap = 24
    box = (width - 120 - gap * (len(units) - 1)) // len(units)
    xs = [60 + i * (box + gap) for i in range(len(units))]
    draw.line((xs[0] + box // 2, 300, xs[-1] + box // 2, 300), fill=navy, width=4)
    for x, unit in zip(xs, units, strict=True):
        draw.line((x + box // 2, 300, x + box // 2, 360), fill=navy, width=4)
        draw.rounded_rectangle((x, 360, x + box, 560), radius=12, fill=light, outline=navy, width=3)
        lines = textwrap.wrap(unit, width=max(8, box // 15))
        for n, line in enumerate(lines[:5]):
            y = 460 + (n - (len(lines[:5]) - 1) / 2) * 34
            draw.text((x + box // 2, y), line, font=font, fill=navy, anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
