"""Demo download centre and galleries for ``manage.py seed_demo``: real (small) PDF, XLSX and DOCX
files made here, and a gallery of generated photos with a YouTube video and a link card.

Idempotent: documents and galleries are found by slug; only missing ones are created, through the
editing domain (so each has its first revision), then placed as published.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import Agency, User

from . import editing
from .library import Document, Gallery, GalleryItem

DEMO_AUTHOR = "superadmin"
K = Document.Kind

# (agency, slug, title, kind, number, year, description, format, days ago)
DOCUMENTS = [
    ("dislutkan", "pergub-kalteng-12-2025-pengelolaan-perikanan-tangkap",
     "Peraturan Gubernur Kalimantan Tengah Nomor 12 Tahun 2025 tentang Pengelolaan Perikanan "
     "Tangkap di Perairan Umum Daratan", K.REGULATION, "Nomor 12 Tahun 2025", 2025,
     "Mengatur perizinan, alat tangkap yang dilarang, musim dan daerah larangan penangkapan "
     "ikan di sungai dan danau Kalimantan Tengah.", "pdf", 40),
    ("dislutkan", "sop-pelayanan-informasi-publik-dislutkan",
     "SOP Pelayanan Informasi Publik Dinas Kelautan dan Perikanan", K.SOP, "", 2025,
     "Langkah pelayanan permohonan informasi dari penerimaan sampai penyampaian jawaban, "
     "dengan jangka waktu setiap langkah.", "pdf", 25),
    ("dislutkan", "data-produksi-perikanan-2025",
     "Data Produksi Perikanan Tangkap dan Budidaya per Kabupaten 2025", K.PUBLIC_INFORMATION, "",
     2025, "Produksi (ton) per kabupaten/kota, semester I dan II.", "xlsx", 12),
    ("bpsdm-kalteng", "formulir-permohonan-informasi-publik",
     "Formulir Permohonan Informasi Publik", K.FORM, "", 2025,
     "Isi, tanda tangani, lalu serahkan ke meja layanan PPID atau kirim melalui e-mail.",
     "docx", 60),
    ("bpsdm-kalteng", "laporan-layanan-informasi-publik-2025",
     "Laporan Layanan Informasi Publik Tahun 2025", K.REPORT, "", 2025,
     "Rekapitulasi permohonan, keberatan dan waktu layanan informasi selama tahun 2025.",
     "pdf", 5),
    ("bpsdm-kalteng", "standar-pelayanan-pelatihan-aparatur",
     "Standar Pelayanan Pelatihan Aparatur", K.SERVICE_STANDARD, "", 2024,
     "Persyaratan, prosedur, jangka waktu, biaya dan pengaduan layanan pelatihan.", "pdf", 200),
    ("kominfo", "pergub-kalteng-5-2024-satu-data",
     "Peraturan Gubernur Kalimantan Tengah Nomor 5 Tahun 2024 tentang Satu Data Kalimantan "
     "Tengah", K.REGULATION, "Nomor 5 Tahun 2024", 2024,
     "Penyelenggaraan Satu Data: walidata, produsen data, standar data dan metadata.", "pdf", 300),
    ("kominfo", "daftar-informasi-publik-2025-kominfo",
     "Daftar Informasi Publik Dinas Komunikasi, Informatika, Persandian dan Statistik 2025",
     K.PUBLIC_INFORMATION, "", 2025, "Informasi berkala, serta-merta dan setiap saat.", "xlsx", 30),
]  # fmt: skip

GALLERIES = {
    "dislutkan": ("penebaran-benih-ikan-sungai-kahayan",
                  "Penebaran 50.000 Benih Ikan di Sungai Kahayan",
                  "Dinas Kelautan dan Perikanan bersama kelompok nelayan menebar benih ikan "
                  "jelawat dan baung untuk menjaga stok ikan sungai."),
    "bpsdm-kalteng": ("pelatihan-dasar-cpns-angkatan-2025",
                      "Pelatihan Dasar CPNS Angkatan 2025",
                      "Pembukaan, kelas dan apel pagi peserta Latsar CPNS."),
    "kominfo": ("pekan-keterbukaan-informasi-publik-2025",
                "Pekan Keterbukaan Informasi Publik 2025",
                "Sosialisasi hak atas informasi di Palangka Raya."),
}  # fmt: skip
PHOTO_SCENES = [
    ("Pembukaan kegiatan oleh kepala dinas", "Kepala dinas memberi sambutan di atas panggung"),
    ("Peserta mengikuti arahan petugas", "Sekelompok peserta berdiri mendengarkan arahan"),
    ("Dokumentasi bersama", "Foto bersama peserta dan panitia di depan spanduk kegiatan"),
]
#: Where demo documents are attached: (document slug, DIP entry title or article slug).
DIP_ATTACHMENTS = [
    ("standar-pelayanan-pelatihan-aparatur", "Standar pelayanan pelatihan"),
    ("data-produksi-perikanan-2025", "Daftar kelompok pembudidaya ikan penerima bantuan"),
]
ARTICLE_ATTACHMENTS = [
    ("sop-pelayanan-informasi-publik-dislutkan",
     "dislutkan-raih-predikat-informatif-keterbukaan-informasi"),
    ("pergub-kalteng-5-2024-satu-data",
     "kominfo-dorong-humas-pemerintah-daerah-kelola-media-sosial-terpadu"),
]  # fmt: skip
DEMO_VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
DEMO_LINK = "https://www.instagram.com/kaltengprov/"


def seed(agencies: dict[str, Agency], stdout=None) -> int:
    """Create the missing demo documents and galleries, published; return how many were new."""
    author = User.objects.filter(username=DEMO_AUTHOR).first()
    if author is None:
        return 0
    now = timezone.now()
    created = 0
    existing = set(Document.objects.values_list("slug", flat=True))
    for agency_slug, slug, title, kind, number, year, text, fmt, days in DOCUMENTS:
        if slug in existing or agency_slug not in agencies:
            continue
        _create_document(
            agencies[agency_slug], author, now - timedelta(days=days),
            slug=slug, title=title, kind=kind, number=number, year=year, description=text,
            fmt=fmt,
        )  # fmt: skip
        created += 1
    existing = set(Gallery.objects.values_list("slug", flat=True))
    for agency_slug, (slug, title, text) in GALLERIES.items():
        if slug in existing or agency_slug not in agencies:
            continue
        _create_gallery(agencies[agency_slug], author, now - timedelta(days=3), slug, title, text)
        created += 1
    _attach()
    if stdout is not None:
        stdout.write(f"Newsroom: {created} demo documents and galleries created.")
    return created


def _attach() -> None:
    """Attach demo documents to DIP entries and articles (only missing links are added)."""
    from .models import Article

    # The DIP entry model through the relation ppid declares: newsroom does not import ppid.
    DIPEntry = Document._meta.get_field("dip_entries").related_model  # noqa: N806
    documents = Document.objects.in_bulk(
        [slug for slug, _ in DIP_ATTACHMENTS + ARTICLE_ATTACHMENTS], field_name="slug"
    )
    for slug, title in DIP_ATTACHMENTS:
        entry = DIPEntry.objects.filter(title=title).first()
        if entry is not None and slug in documents:
            entry.documents.add(documents[slug])
    for slug, article_slug in ARTICLE_ATTACHMENTS:
        article = Article.objects.filter(slug=article_slug).first()
        if article is not None and slug in documents:
            article.documents.add(documents[slug])


def _publish(obj, when) -> None:
    type(obj).objects.filter(pk=obj.pk).update(
        status=obj.Status.PUBLISHED, publish_at=when, first_published_at=when,
        last_published_at=when,
    )  # fmt: skip


@transaction.atomic
def _create_document(agency, author, when, *, fmt, **fields) -> Document:
    document = Document(agency=agency, **fields)
    content = {"pdf": pdf_file, "xlsx": xlsx_file, "docx": docx_file}[fmt](
        fields["title"], [fields["description"], agency.name, f"Tahun {fields['year']}"]
    )
    document.file.save(f"{fields['slug'][:60]}.{fmt}", ContentFile(content), save=False)
    document.file_type, document.file_size = fmt, len(content)
    document = editing.create(document, actor=author)
    _publish(document, when)
    return document


@transaction.atomic
def _create_gallery(agency, author, when, slug, title, text) -> Gallery:
    items = []
    for n, (caption, alt) in enumerate(PHOTO_SCENES, start=1):
        item = GalleryItem(kind=GalleryItem.Kind.PHOTO, caption=caption, alt_text=alt,
                           credit=f"Tim Humas {agency.short_name}")  # fmt: skip
        item.image.save(f"{slug[:50]}-{n}.jpg", ContentFile(photo(n + len(slug) % 3)), save=False)
        items.append(item.as_data())
    items.append({"kind": "video", "video_url": DEMO_VIDEO, "caption": f"Video: {title}"})
    items.append({"kind": "video", "video_url": DEMO_LINK, "caption": "Kegiatan lain di Instagram"})
    gallery = Gallery(agency=agency, slug=slug, title=title, description=text)
    gallery = editing.create(gallery, actor=author, m2m={"items": items})
    _publish(gallery, when)
    return gallery


# --- small real files ---------------------------------------------------------------------------


def _pdf_text(value: str) -> str:
    ascii_text = value.encode("latin-1", "replace").decode("latin-1")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_file(title: str, lines: list[str]) -> bytes:
    """A one-page PDF (Helvetica) with ``title`` and ``lines``, valid for any PDF reader."""
    import textwrap

    text = ["BT", "/F1 15 Tf", "56 780 Td", "18 TL"]
    for line in textwrap.wrap(title, 70):
        text.append(f"({_pdf_text(line)}) Tj T*")
    text += ["/F1 11 Tf", "T*"]
    for paragraph in lines:
        for line in textwrap.wrap(paragraph, 90):
            text.append(f"({_pdf_text(line)}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _zip(members: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return out.getvalue()


def xlsx_file(title: str, lines: list[str]) -> bytes:
    """A one-sheet XLSX workbook: the title, the lines, and a small table of figures."""
    rows = [[title], *[[line] for line in lines], [],
            ["Kabupaten/Kota", "Semester I", "Semester II"],
            ["Kota Palangka Raya", 1250, 1310], ["Kabupaten Kapuas", 2840, 2975],
            ["Kabupaten Kotawaringin Barat", 3120, 3340]]  # fmt: skip
    cells = []
    for r, row in enumerate(rows, start=1):
        parts = []
        for c, value in enumerate(row):
            ref = f"{'ABC'[c]}{r}"
            if isinstance(value, int):
                parts.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        cells.append(f'<row r="{r}">{"".join(parts)}</row>')
    ns = "http://schemas.openxmlformats.org"
    return _zip([
        ("[Content_Types].xml",
         f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
         'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
         'worksheet+xml"/></Types>'),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
         f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
         f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Data" '
         'sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
         f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
         'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main">'
         f'<sheetData>{"".join(cells)}</sheetData></worksheet>'),
    ])  # fmt: skip


def docx_file(title: str, lines: list[str]) -> bytes:
    """A DOCX with the title and the lines as paragraphs."""
    ns = "http://schemas.openxmlformats.org"
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"
        for text in [title, *lines, "Nama pemohon: ....................",
                     "Informasi yang dimohon: ....................", "Tanda tangan: ..........."]
    )  # fmt: skip
    return _zip([
        ("[Content_Types].xml",
         f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
         f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}/wordprocessingml/'
         f'2006/main"><w:body>{paragraphs}</w:body></w:document>'),
    ])  # fmt: skip


def photo(number: int) -> bytes:
    """A generated 1200x800 JPEG: a river landscape in daylight with people on the bank."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    sky, water = (120 + number * 20, 180, 230), (30, 90 + number * 15, 120)
    for y in range(height):
        colour = sky if y < height * 0.55 else water
        shade = 1 - 0.35 * (y / height)
        draw.line((0, y, width, y), fill=tuple(int(c * shade) for c in colour))
    draw.ellipse((900 - number * 150, 90, 1020 - number * 150, 210), fill=(255, 230, 150))
    for x in range(0, width, 80):
        top = int(height * 0.55) - 40 - (x * (number + 3)) % 90
        draw.polygon([(x, height * 0.55), (x + 40, top), (x + 80, height * 0.55)],
                     fill=(30, 100 - number * 10, 50))  # fmt: skip
    # People on the bank: a row of simple figures, so each photo differs a little.
    for n in range(3 + number):
        x = 140 + n * 130 + number * 25
        ground = int(height * 0.55) + 10
        draw.ellipse((x - 14, ground - 96, x + 14, ground - 68), fill=(230, 190, 150))
        draw.rounded_rectangle((x - 22, ground - 66, x + 22, ground), radius=8,
                               fill=(200 - n * 20, 60 + n * 30, 40))  # fmt: skip
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
