"""Indonesian news text made from word lists and sentence templates, for ``seed_bulk``.

Offline and deterministic for a given ``random.Random``: the benchmark and the tests see the same
kind of text a provincial humas team writes (kegiatan, layanan, pengumuman), with enough variety of
words for full-text search to behave as on a real portal.
"""

from __future__ import annotations

import random

AGENCIES = [
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Pertanian dan Ketahanan Pangan", "Distanpangan"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Dinas Lingkungan Hidup dan Kehutanan", "DLHK"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans"),
    ("Dinas Koperasi dan UKM", "Diskop UKM"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Badan Pendapatan Daerah", "Bapenda"),
    ("Badan Kepegawaian Daerah", "BKD"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"),
    ("Inspektorat Daerah", "Inspektorat"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag"),
    ("Dinas Pemuda dan Olahraga", "Dispora"),
]
# fmt: off
CATEGORIES = ["Kegiatan", "Layanan Publik", "Pengumuman", "Pembangunan", "Kesehatan",
              "Pendidikan", "Ekonomi", "Kebencanaan", "Sosial Budaya", "Pemerintahan"]
TAGS = ["nelayan", "petani", "umkm", "stunting", "vaksinasi", "banjir", "jalan", "jembatan",
        "beasiswa", "pelatihan", "sosialisasi", "bantuan sosial", "pajak daerah", "pariwisata",
        "festival", "lingkungan", "sampah", "air bersih", "posyandu", "sekolah", "guru",
        "pasar murah", "inflasi", "investasi", "ketenagakerjaan", "kependudukan", "e-ktp",
        "digitalisasi", "pelayanan publik", "reformasi birokrasi", "apbd", "musrenbang",
        "penghargaan", "kunjungan kerja", "rapat koordinasi", "hari besar", "olahraga", "pemuda",
        "perempuan", "anak", "disabilitas", "lansia", "kesehatan ibu", "gizi", "pangan",
        "irigasi", "transportasi", "angkutan umum", "keselamatan", "ketertiban"]
PLACES = ["Kecamatan Sukamaju", "Desa Sumber Rejeki", "Kelurahan Mekarsari", "Kabupaten Tanah Laut",
          "Kota Banjarbaru", "Kecamatan Pantai Indah", "Desa Karang Anyar", "Pulau Sebuku",
          "Kecamatan Gunung Sari", "Desa Tanjung Harapan", "Kelurahan Sungai Besar",
          "Kabupaten Hulu Sungai", "Kecamatan Batu Ampar", "Desa Pematang Baru",
          "aula kantor gubernur", "balai desa", "gedung serbaguna", "pendopo kabupaten"]
PROGRAMS = ["program bantuan alat tangkap", "pelatihan kewirausahaan", "gerakan tanam pohon",
            "layanan jemput bola administrasi kependudukan", "pemeriksaan kesehatan gratis",
            "perbaikan jalan desa", "penyaluran beras cadangan pangan", "sekolah lapang petani",
            "imunisasi anak", "pembangunan jembatan gantung", "pasar murah jelang hari raya",
            "pendataan keluarga berisiko stunting", "kampanye pilah sampah dari rumah",
            "penyuluhan keselamatan berlalu lintas", "festival budaya daerah",
            "bimbingan teknis pengelolaan keuangan desa", "simulasi tanggap darurat banjir",
            "beasiswa bagi pelajar berprestasi", "sertifikasi halal gratis bagi UMKM",
            "rehabilitasi rumah tidak layak huni"]
OFFICIALS = ["Kepala Dinas", "Sekretaris Daerah", "Gubernur", "Wakil Gubernur", "Bupati",
             "Kepala Bidang", "Camat", "Kepala Desa", "Kepala Seksi", "Asisten Pemerintahan"]
NAMES = ["Ahmad Fauzi", "Siti Rahmawati", "Budi Santoso", "Rina Marlina", "Hendra Gunawan",
         "Dewi Lestari", "Muhammad Rizki", "Nur Aini", "Agus Salim", "Fitri Handayani",
         "Yusuf Mahendra", "Ratna Sari", "Bambang Wijaya", "Lina Kusuma", "Rahmat Hidayat"]
GROUPS = ["nelayan", "petani", "pelaku UMKM", "pelajar", "ibu hamil", "warga lanjut usia",
          "aparatur sipil negara", "kader posyandu", "pemuda", "penyandang disabilitas",
          "pengemudi angkutan umum", "guru honorer", "perangkat desa", "pedagang pasar"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]

# fmt: on
TITLES = [
    "{agency} Gelar {Program} di {place}",
    "{n} {Group} Ikuti {Program}",
    "{official} Tinjau {Program} di {place}",
    "Pemerintah Provinsi Perkuat {Program} Tahun {year}",
    "{agency} Targetkan {n} {Group} Terima Manfaat {Program}",
    "Warga {place} Sambut Baik {Program}",
    "{Program}: {agency} Catat Kenaikan Peserta",
    "Rapat Koordinasi {Program} Digelar di {place}",
    "{agency} Buka Pendaftaran {Program} hingga {day} {month}",
    "Anggaran {Program} Naik, {official} Minta Tepat Sasaran",
]
SENTENCES = [
    "{agency} menggelar {program} di {place} pada {day} {month} {year}.",
    "Kegiatan ini diikuti oleh {n} {group} dari berbagai wilayah.",
    "{official} {name} mengatakan bahwa {program} merupakan bagian dari upaya meningkatkan "
    "kualitas pelayanan publik.",
    "Menurut {name}, capaian tahun ini lebih baik dibandingkan tahun sebelumnya.",
    "Pemerintah daerah mengalokasikan anggaran sebesar Rp{money} miliar untuk kegiatan tersebut.",
    "Warga {place} berharap kegiatan serupa dapat dilaksanakan secara berkelanjutan.",
    "Selain itu, petugas juga memberikan penjelasan mengenai prosedur dan persyaratan layanan.",
    "Data {agency} mencatat sebanyak {n} {group} telah terdaftar hingga akhir {month}.",
    "Program ini dilaksanakan bersama pemerintah kabupaten, kecamatan, dan desa setempat.",
    "{official} mengimbau masyarakat untuk memanfaatkan layanan yang tersedia secara gratis.",
    "Informasi lebih lanjut dapat diperoleh melalui kantor {agency} pada hari dan jam kerja.",
    "Evaluasi pelaksanaan akan dilakukan setiap triwulan agar hasilnya terukur.",
    "Pada kesempatan yang sama, diserahkan pula bantuan kepada {n} {group}.",
    "Kegiatan berlangsung tertib dengan tetap memperhatikan keselamatan peserta.",
    "{name}, salah satu peserta, mengaku sangat terbantu dengan adanya {program}.",
    "Pemerintah provinsi menargetkan seluruh desa di {place} terjangkau program ini pada {year}.",
    "Kolaborasi lintas sektor dinilai menjadi kunci keberhasilan {program}.",
    "Hasil pendataan akan menjadi dasar perencanaan pembangunan tahun berikutnya.",
]
# fmt: off
REQUEST_TOPICS = ["salinan dokumen anggaran {program} tahun {year}",
                  "daftar penerima {program} di {place}",
                  "laporan realisasi kegiatan {agency} tahun {year}",
                  "rencana kerja {agency} tahun {year}",
                  "hasil evaluasi {program}",
                  "dokumen kontrak pekerjaan perbaikan jalan di {place}"]
PURPOSES = ["bahan penelitian skripsi", "pengawasan penggunaan anggaran oleh masyarakat",
            "bahan pemberitaan media lokal", "kepentingan advokasi lembaga swadaya masyarakat",
            "referensi penyusunan proposal kegiatan desa"]
# fmt: on


class TextMaker:
    """Titles, leads, bodies and PPID request texts from the lists above."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _slots(self, agency_name: str, year: int) -> dict:
        r = self.rng
        program = r.choice(PROGRAMS)
        group = r.choice(GROUPS)
        return {
            "agency": agency_name,
            "program": program,
            "Program": program.title(),
            "place": r.choice(PLACES),
            "official": r.choice(OFFICIALS),
            "name": r.choice(NAMES),
            "group": group,
            "Group": group.title(),
            "n": r.randint(12, 2500),
            "money": r.randint(1, 95),
            "day": r.randint(1, 28),
            "month": r.choice(MONTHS),
            "year": year,
        }

    def article(self, agency_name: str, year: int) -> tuple[str, str, str]:
        """(title, lead, body HTML) of one article."""
        r = self.rng
        slots = self._slots(agency_name, year)
        title = r.choice(TITLES).format(**slots)
        lead = " ".join(s.format(**slots) for s in r.sample(SENTENCES[:3], 2))
        paragraphs = []
        for _ in range(r.randint(4, 6)):
            sentences = " ".join(s.format(**slots) for s in r.sample(SENTENCES, r.randint(2, 4)))
            paragraphs.append(f"<p>{sentences}</p>")
        return title[:200], lead, "\n".join(paragraphs)

    def request(self, agency_name: str, year: int) -> tuple[str, str, str, str]:
        """(name, address, information requested, purpose) of one PPID request."""
        r = self.rng
        slots = self._slots(agency_name, year)
        info = r.choice(REQUEST_TOPICS).format(**slots)
        address = f"Jl. {r.choice(['Merdeka', 'Ahmad Yani', 'Sudirman', 'Veteran'])} No. "
        return (
            r.choice(NAMES),
            address + f"{r.randint(1, 200)}, {slots['place']}",
            info,
            (r.choice(PURPOSES)),
        )
