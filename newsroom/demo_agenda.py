"""Demo announcements and agenda items of the three demo agencies, for `manage.py seed_demo`.

Idempotent: an item whose slug exists is left alone. Dates are relative to the day of seeding, so
the demo always has events to come and a few in the archive. Published as the workflow would be:
written by the agency's writer, published by its supervisor (the announcement's 30-day default
end is applied by Announcement.save, the one place of that rule).
"""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User

from . import editing
from .agenda import Announcement, Event

# agency slug -> (writer, supervisor) among accounts.demo.DEMO_USERS
STAFF = {
    "dislutkan": ("penulis", "penyunting"),
    "bpsdm-kalteng": ("penulis_bpsdm", "penyunting_bpsdm"),
    "kominfo": ("penulis_kominfo", "penyunting_kominfo"),
}

ANNOUNCEMENTS = [
    {
        "agency": "dislutkan",
        "slug": "hasil-seleksi-administrasi-penyuluh-perikanan-bantu-2026",
        "days_ago": 2,
        "title": "Hasil Seleksi Administrasi Calon Penyuluh Perikanan Bantu Tahun 2026",
        "lead": "Sebanyak 48 pelamar dinyatakan lulus seleksi administrasi dan berhak mengikuti "
        "tes wawancara di kantor Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah.",
        "body": """
<p>Berdasarkan hasil verifikasi berkas oleh panitia seleksi, Dinas Kelautan dan Perikanan
Provinsi Kalimantan Tengah mengumumkan nama-nama pelamar yang lulus seleksi administrasi calon
Penyuluh Perikanan Bantu Tahun 2026.</p>
<p>Peserta yang lulus wajib hadir pada tes wawancara dengan membawa:</p>
<ul>
<li>Kartu Tanda Penduduk (KTP) asli;</li>
<li>ijazah dan transkrip nilai asli;</li>
<li>surat keterangan sehat dari dokter pemerintah.</li>
</ul>
<p>Keputusan panitia seleksi bersifat final dan tidak dapat diganggu gugat. Seluruh tahapan
seleksi tidak dipungut biaya. Informasi lebih lanjut dapat ditanyakan ke Sekretariat Dinas pada
jam kerja.</p>""",
    },
    {
        "agency": "dislutkan",
        "slug": "penutupan-layanan-perizinan-kapal-cuti-bersama-akhir-tahun",
        "days_ago": 1,
        "title": "Layanan Perizinan Kapal Perikanan Tutup Sementara pada Cuti Bersama Akhir Tahun",
        "lead": "Selama libur nasional dan cuti bersama akhir tahun, loket perizinan kapal "
        "perikanan tutup; permohonan daring tetap diterima dan diproses pada hari kerja "
        "berikutnya.",
        "body": """
<p>Sehubungan dengan libur nasional dan cuti bersama akhir tahun, pelayanan tatap muka
perizinan kapal perikanan di Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah ditutup
sementara.</p>
<p>Permohonan Surat Izin Penangkapan Ikan (SIPI) dan Surat Izin Kapal Pengangkut Ikan (SIKPI)
tetap dapat diajukan secara daring dan akan diproses pada hari kerja berikutnya. Mohon maaf atas
ketidaknyamanan ini.</p>""",
    },
    {
        "agency": "dislutkan",
        "slug": "pendaftaran-bantuan-sarana-budidaya-pokdakan-2027",
        "days_ago": 6,
        "title": "Pendaftaran Bantuan Sarana Budidaya Ikan bagi Pokdakan Tahun Anggaran 2027",
        "lead": "Kelompok pembudidaya ikan (Pokdakan) yang telah terdaftar dapat mengajukan "
        "usulan bantuan benih, pakan dan kolam terpal melalui dinas kabupaten/kota.",
        "body": """
<p>Usulan diajukan melalui dinas yang membidangi perikanan di kabupaten/kota dengan melampirkan
proposal, akta pembentukan kelompok dan foto lokasi budidaya. Bantuan tidak dipungut biaya dalam
bentuk apa pun; laporkan pungutan liar melalui SP4N-LAPOR!.</p>""",
    },
    {
        "agency": "bpsdm-kalteng",
        "slug": "peserta-pelatihan-kepemimpinan-administrator-angkatan-iii-2026",
        "days_ago": 3,
        "title": "Daftar Peserta Pelatihan Kepemimpinan Administrator Angkatan III Tahun 2026",
        "lead": "BPSDM Provinsi Kalimantan Tengah menetapkan 40 peserta Pelatihan Kepemimpinan "
        "Administrator (PKA) Angkatan III; peserta melapor diri sehari sebelum pembukaan.",
        "body": """
<p>Peserta diharapkan membawa surat perintah tugas dari pejabat pembina kepegawaian, pakaian
dinas harian, serta perlengkapan pribadi selama masa klasikal di Kampus BPSDM.</p>""",
    },
    {
        "agency": "bpsdm-kalteng",
        "slug": "jadwal-ujian-dinas-dan-ujian-penyesuaian-kenaikan-pangkat",
        "days_ago": 8,
        "title": "Jadwal Ujian Dinas dan Ujian Penyesuaian Kenaikan Pangkat Periode April 2027",
        "lead": "Pendaftaran ujian dinas tingkat I dan II serta ujian penyesuaian kenaikan "
        "pangkat dibuka melalui pengelola kepegawaian perangkat daerah masing-masing.",
        "body": "",
    },
    {
        "agency": "kominfo",
        "slug": "pemeliharaan-sistem-layanan-aduan-konten",
        "days_ago": 1,
        "title": "Pemeliharaan Sistem Layanan Aduan Konten",
        "lead": "Layanan aduan konten daring tidak dapat diakses sementara selama pemeliharaan "
        "sistem; aduan mendesak dapat disampaikan melalui surel resmi.",
        "body": "",
    },
]

EVENTS = [
    {
        "agency": "dislutkan",
        "slug": "bimtek-budidaya-ikan-nila-sistem-bioflok",
        "in_days": 5,
        "start": time(8, 0),
        "end": time(15, 0),
        "title": "Bimbingan Teknis Budidaya Ikan Nila Sistem Bioflok",
        "lead": "Pelatihan praktik budidaya ikan nila dengan sistem bioflok bagi 60 pembudidaya "
        "dari Kota Palangka Raya, Kabupaten Pulang Pisau dan Kabupaten Kapuas.",
        "location": "Balai Benih Ikan Sentral, Jl. Mahir Mahar Km. 12, Palangka Raya",
        "organizer": "Bidang Perikanan Budidaya",
        "registration_url": "https://dislutkan.kalteng.go.id/daftar/bimtek-bioflok",
        "body": """
<p>Materi meliputi persiapan kolam bundar, pengelolaan kualitas air, takaran probiotik dan
molase, serta perhitungan biaya produksi. Peserta mendapat sertifikat dan paket benih.</p>
<p>Kuota terbatas; pendaftaran ditutup tiga hari sebelum kegiatan.</p>""",
    },
    {
        "agency": "dislutkan",
        "slug": "sosialisasi-perizinan-berusaha-subsektor-penangkapan-ikan",
        "in_days": 12,
        "start": time(9, 0),
        "end": time(12, 0),
        "title": "Sosialisasi Perizinan Berusaha Subsektor Penangkapan Ikan",
        "lead": "Penjelasan tata cara pengajuan SIUP, SIPI dan SIKPI melalui sistem OSS bagi "
        "pemilik kapal perikanan di bawah 30 GT.",
        "location": "Aula Dislutkan, Jl. Jend. Sudirman No. 1, Palangka Raya",
        "organizer": "",
        "registration_url": "",
        "body": "",
    },
    {
        "agency": "dislutkan",
        "slug": "pameran-produk-olahan-hasil-perikanan-kalteng",
        "in_days": 20,
        "days": 3,
        "title": "Pameran Produk Olahan Hasil Perikanan Kalimantan Tengah",
        "lead": "Tiga hari pameran kerupuk ikan, abon patin, ikan asap dan produk olahan UMKM "
        "perikanan dari 14 kabupaten/kota.",
        "location": "Halaman Bundaran Besar, Palangka Raya",
        "organizer": "Bidang Pengolahan dan Pemasaran Hasil Perikanan",
        "registration_url": "",
        "body": "<p>Terbuka untuk umum dan tidak dipungut biaya.</p>",
    },
    {
        "agency": "dislutkan",
        "slug": "gemarikan-sdn-4-menteng",
        "in_days": -10,
        "start": time(8, 0),
        "end": time(11, 0),
        "title": "Gerakan Memasyarakatkan Makan Ikan (Gemarikan) di SDN 4 Menteng",
        "lead": "Pembagian olahan ikan dan edukasi gizi bagi 300 siswa sekolah dasar.",
        "location": "SDN 4 Menteng, Palangka Raya",
        "organizer": "",
        "registration_url": "",
        "body": "",
    },
    {
        "agency": "dislutkan",
        "slug": "rakor-pengawasan-sumber-daya-kelautan-dan-perikanan",
        "in_days": -25,
        "start": time(9, 0),
        "end": None,
        "title": "Rapat Koordinasi Pengawasan Sumber Daya Kelautan dan Perikanan",
        "lead": "Koordinasi patroli bersama Pokmaswas, Polairud dan dinas kabupaten pesisir.",
        "location": "Hotel Aquarius, Jl. Imam Bonjol No. 5, Palangka Raya",
        "organizer": "",
        "registration_url": "",
        "body": "",
    },
    {
        "agency": "bpsdm-kalteng",
        "slug": "pembukaan-latsar-cpns-golongan-iii-angkatan-i",
        "in_days": 3,
        "start": time(8, 0),
        "end": time(10, 0),
        "title": "Pembukaan Pelatihan Dasar CPNS Golongan III Angkatan I",
        "lead": "Pembukaan resmi Latsar CPNS golongan III Pemerintah Provinsi Kalimantan Tengah "
        "oleh Sekretaris Daerah.",
        "location": "Aula Kampus BPSDM, Jl. Tjilik Riwut Km. 5, Palangka Raya",
        "organizer": "",
        "registration_url": "",
        "body": "",
    },
    {
        "agency": "bpsdm-kalteng",
        "slug": "webinar-literasi-digital-asn-keamanan-data-pribadi",
        "in_days": 8,
        "start": time(13, 0),
        "end": time(15, 30),
        "title": "Webinar Literasi Digital ASN: Menjaga Keamanan Data Pribadi",
        "lead": "Webinar terbuka bagi ASN di lingkungan Pemerintah Provinsi Kalimantan Tengah; "
        "peserta memperoleh sertifikat 3 JP.",
        "location": "Daring (Zoom Meeting)",
        "organizer": "Bidang Pengembangan Kompetensi Teknis",
        "registration_url": "https://bpsdm.kalteng.go.id/webinar/literasi-digital",
        "body": "",
    },
    {
        "agency": "bpsdm-kalteng",
        "slug": "penutupan-pelatihan-kepemimpinan-pengawas-angkatan-ii",
        "in_days": -15,
        "start": time(14, 0),
        "end": time(16, 0),
        "title": "Penutupan Pelatihan Kepemimpinan Pengawas Angkatan II",
        "lead": "Penutupan dan pengumuman peserta terbaik Pelatihan Kepemimpinan Pengawas.",
        "location": "Aula Kampus BPSDM, Jl. Tjilik Riwut Km. 5, Palangka Raya",
        "organizer": "",
        "registration_url": "",
        "body": "",
    },
    {
        "agency": "kominfo",
        "slug": "forum-bakohumas-strategi-komunikasi-publik",
        "in_days": 15,
        "start": time(9, 0),
        "end": time(16, 0),
        "title": "Forum Bakohumas: Strategi Komunikasi Publik Pemerintah",
        "lead": "Forum tahunan kehumasan pemerintah pusat dan daerah tentang narasi tunggal "
        "dan penanganan disinformasi.",
        "location": "Gedung Serbaguna, Jl. Medan Merdeka Barat No. 9, Jakarta Pusat",
        "organizer": "Direktorat Jenderal Informasi dan Komunikasi Publik",
        "registration_url": "",
        "body": "",
    },
    {
        "agency": "kominfo",
        "slug": "sosialisasi-keterbukaan-informasi-publik-badan-publik-daerah",
        "in_days": 30,
        "days": 2,
        "title": "Sosialisasi Keterbukaan Informasi Publik bagi Badan Publik Daerah",
        "lead": "Dua hari sosialisasi UU 14/2008 dan Perki 1/2021 bagi PPID pemerintah daerah.",
        "location": "Palangka Raya, Kalimantan Tengah",
        "organizer": "",
        "registration_url": "",
        "body": "",
    },
]


def seed(agencies: dict[str, Agency], stdout=None) -> int:
    """Create the missing demo announcements and events; return how many were new."""
    people = User.objects.in_bulk(
        {name for pair in STAFF.values() for name in pair}, field_name="username"
    )
    now = timezone.now()
    today = timezone.localdate()
    created = 0
    for model, rows in ((Announcement, ANNOUNCEMENTS), (Event, EVENTS)):
        existing = set(
            model.objects.filter(slug__in=[r["slug"] for r in rows]).values_list("slug", flat=True)
        )
        for data in rows:
            slug = data["agency"]
            if data["slug"] in existing or slug not in agencies:
                continue
            writer, supervisor = (people.get(name) for name in STAFF[slug])
            if writer is None:
                continue
            if model is Announcement:
                obj = Announcement(
                    agency=agencies[slug], slug=data["slug"], title=data["title"],
                    lead=data["lead"], body=data["body"].strip(),
                )  # fmt: skip
                publish_at = now - timedelta(days=data["days_ago"], hours=3)
            else:
                start = today + timedelta(days=data["in_days"])
                obj = Event(
                    agency=agencies[slug], slug=data["slug"], title=data["title"],
                    lead=data["lead"], body=data["body"].strip(), start_date=start,
                    start_time=data.get("start"), end_time=data.get("end"),
                    end_date=start + timedelta(days=data["days"] - 1) if "days" in data else None,
                    location=data["location"], organizer=data["organizer"],
                    registration_url=data["registration_url"],
                )  # fmt: skip
                publish_at = now - timedelta(days=max(0, -data["in_days"]) + 7)
            _publish(obj, writer, supervisor or writer, publish_at)
            created += 1
    if stdout is not None:
        stdout.write(f"Agenda: {created} demo announcements and events created.")
    return created


@transaction.atomic
def _publish(obj, writer, supervisor, publish_at) -> None:
    """Written by the writer, then live since ``publish_at`` (as if approved then)."""
    editing.create(obj, actor=writer)
    obj.status = obj.Status.PUBLISHED
    obj.publish_at = obj.first_published_at = obj.last_published_at = publish_at
    obj.created_at = publish_at - timedelta(hours=2)
    obj.save(
        update_fields=[
            "status", "publish_at", "first_published_at", "last_published_at", "created_at",
        ]
    )  # fmt: skip
    obj.events.create(
        action=f"{obj.action_prefix()}.approved", actor=supervisor,
        from_status=obj.Status.IN_REVIEW, to_status=obj.Status.PUBLISHED,
    )  # fmt: skip
