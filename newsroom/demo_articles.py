"""The demo news of `manage.py seed_demo`: real-looking humas articles of the three demo agencies.

Names of officials are invented for the demo. ``days_ago`` places an article in the past relative to
the day the demo is loaded; ``publish_at`` fixes a date. ``status`` other than published keeps the
article off the portal (it shows the review queue in the admin).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")

CATEGORIES = {
    "kegiatan": "Kegiatan",
    "pelatihan": "Pelatihan",
    "layanan-publik": "Layanan Publik",
    "kelautan-perikanan": "Kelautan dan Perikanan",
    "pengumuman": "Pengumuman",
    "teknologi-informasi": "Teknologi Informasi",
}

TAGS = {
    "humas": "humas",
    "kehumasan": "kehumasan",
    "pelatihan": "pelatihan",
    "digital": "digital",
    "asn": "ASN",
    "nelayan": "nelayan",
    "budidaya": "budidaya",
    "keterbukaan-informasi": "keterbukaan informasi",
    "ppid": "PPID",
    "literasi-digital": "literasi digital",
    "media-sosial": "media sosial",
    "kalteng": "Kalteng",
}

TRAINING_SLUG = "pelatihan-digital-public-relation-bagi-asn-dislutkan-kalteng"

ARTICLES = [
    {
        "slug": TRAINING_SLUG,
        "agency": "dislutkan",
        "author": "penulis",
        "title": "Pelatihan Digital Public Relation Tingkatkan Kapasitas Kehumasan ASN Dislutkan",
        "lead": "Selama tujuh hari, 21–27 Oktober 2021, tiga puluh aparatur Dinas Kelautan dan "
        "Perikanan Provinsi Kalimantan Tengah mengikuti pelatihan Digital Public Relation yang "
        "diselenggarakan Kementerian Kominfo bersama BPSDM Provinsi Kalimantan Tengah.",
        "category": "pelatihan",
        "tags": ["humas", "kehumasan", "pelatihan", "digital", "asn", "kalteng"],
        "featured": True,
        "publish_at": datetime(2021, 10, 27, 16, 30, tzinfo=WIB),
        "caption": "Peserta pelatihan Digital Public Relation berdiskusi dalam sesi praktik "
        "penulisan siaran pers di aula Dislutkan Kalteng, Palangka Raya.",
        "credit": "Humas Dislutkan Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — Dinas Kelautan dan Perikanan (Dislutkan) Provinsi Kalimantan
Tengah menjadi tuan rumah pelatihan <em>Digital Public Relation</em> yang berlangsung sejak Kamis,
21 Oktober, hingga Rabu, 27 Oktober 2021. Pelatihan ini diselenggarakan oleh Kementerian Komunikasi
dan Informatika (Kominfo) bekerja sama dengan Badan Pengembangan Sumber Daya Manusia (BPSDM)
Provinsi Kalimantan Tengah, dan diikuti tiga puluh aparatur sipil negara (ASN) pengelola kehumasan
dan informasi publik di lingkungan Dislutkan.</p>
<p>Pelatihan dibuka secara resmi oleh Sekretaris Dislutkan Provinsi Kalimantan Tengah, Hendra
Wijaya, di aula kantor dinas. Dalam sambutannya ia menekankan bahwa humas pemerintah kini dituntut
hadir cepat dan tepat di ruang digital.</p>
<blockquote><p>"Nelayan dan pembudidaya ikan kita sekarang mencari informasi lewat telepon genggam.
Kalau informasi resmi dari dinas terlambat, ruang itu akan diisi kabar yang belum tentu benar.
Karena itu kemampuan kehumasan digital bukan lagi pilihan, melainkan kewajiban," ujarnya.</p>
</blockquote>
<h2>Dari siaran pers hingga manajemen krisis</h2>
<p>Selama tujuh hari, peserta mempelajari penulisan siaran pers dan berita kegiatan, fotografi dan
video pendek dengan telepon genggam, pengelolaan media sosial instansi, analisis percakapan publik,
hingga komunikasi saat krisis. Materi disampaikan oleh widyaiswara BPSDM Provinsi Kalimantan Tengah
dan instruktur dari Kominfo dengan porsi praktik lebih dari separuh waktu pelatihan.</p>
<p>Instruktur Kominfo, Ratna Sari Dewi, mengatakan pelatihan dirancang agar setiap peserta pulang
membawa hasil kerja yang langsung dapat digunakan.</p>
<blockquote><p>"Setiap kelompok menyusun rencana konten satu bulan untuk akun resmi Dislutkan,
lengkap dengan kalender, format dan ukuran keberhasilannya. Jadi pelatihan ini tidak berhenti
di ruang kelas," kata Ratna.</p></blockquote>
<p>Kepala Bidang Penyelenggaraan Pelatihan BPSDM Provinsi Kalimantan Tengah, Yulius Ngabut,
menambahkan bahwa pelatihan ini merupakan bagian dari program peningkatan kompetensi teknis ASN
di bidang komunikasi publik yang akan diperluas ke perangkat daerah lain pada tahun berikutnya.</p>
<h2>Rencana tindak lanjut</h2>
<p>Pada hari terakhir, peserta mempresentasikan rencana aksi kehumasan di hadapan tim penilai.
Rencana tersebut antara lain:</p>
<ul>
<li>penerbitan berita kegiatan paling lambat satu hari setelah kegiatan berlangsung;</li>
<li>rubrik mingguan informasi cuaca dan keselamatan bagi nelayan;</li>
<li>peningkatan layanan informasi publik melalui PPID dinas.</li>
</ul>
<p>Pelatihan ditutup dengan penyerahan sertifikat kepada seluruh peserta yang dinyatakan lulus.
Dislutkan Provinsi Kalimantan Tengah berharap kerja sama dengan Kominfo dan BPSDM dapat berlanjut
dalam bentuk pendampingan pengelolaan kanal informasi dinas.</p>
""",
    },
    {
        "slug": "dislutkan-salurkan-bantuan-benih-ikan-bagi-pembudidaya-katingan",
        "agency": "dislutkan",
        "author": "penulis",
        "title": "Dislutkan Salurkan 250 Ribu Benih Ikan bagi Pembudidaya di Katingan",
        "lead": "Bantuan benih ikan nila dan patin diserahkan kepada dua belas kelompok "
        "pembudidaya untuk memperkuat ketahanan pangan di daerah aliran sungai.",
        "category": "kelautan-perikanan",
        "tags": ["budidaya", "kalteng"],
        "featured": True,
        "days_ago": 2,
        "caption": "Petugas Dislutkan menebar benih ikan nila di kolam milik kelompok "
        "pembudidaya di Kecamatan Katingan Hilir.",
        "credit": "Humas Dislutkan Kalteng",
        "body": """
<p><strong>Kasongan</strong> — Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah menyalurkan
250.000 ekor benih ikan nila dan patin kepada dua belas kelompok pembudidaya ikan di Kabupaten
Katingan. Penyerahan dilakukan di Desa Tumbang Liting dan disaksikan perangkat desa serta penyuluh
perikanan setempat.</p>
<p>Kepala Bidang Perikanan Budidaya, Siti Aminah, menjelaskan bahwa kelompok penerima telah melalui
verifikasi kesiapan kolam dan keramba.</p>
<blockquote><p>"Kami ingin bantuan ini benar-benar tumbuh menjadi usaha. Penyuluh akan mendampingi
sampai panen pertama, termasuk soal pakan dan kualitas air," ujarnya.</p></blockquote>
<p>Selain benih, kelompok juga menerima 1,5 ton pakan mandiri produksi unit pakan Dislutkan.
Daftar kelompok penerima bantuan dapat dilihat pada Daftar Informasi Publik di laman PPID dinas.</p>
""",
    },
    {
        "slug": "peringatan-gelombang-tinggi-nelayan-diminta-waspada",
        "agency": "dislutkan",
        "author": "penulis",
        "title": "Gelombang Tinggi di Laut Jawa, Nelayan Diminta Tunda Melaut",
        "lead": "Dislutkan Kalteng meneruskan peringatan dini BMKG: gelombang 2,5 hingga 4 meter "
        "diperkirakan terjadi di perairan selatan Kalimantan Tengah hingga akhir pekan.",
        "category": "pengumuman",
        "tags": ["nelayan", "kalteng"],
        "days_ago": 5,
        "caption": "Perahu nelayan bersandar di dermaga Kumai saat cuaca buruk.",
        "credit": "Dok. Dislutkan Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah
mengimbau nelayan di Kotawaringin Barat, Seruyan, Kotawaringin Timur, Katingan dan Pulang Pisau
untuk menunda melaut. Badan Meteorologi, Klimatologi, dan Geofisika memperkirakan gelombang setinggi
2,5 hingga 4 meter di perairan Laut Jawa bagian selatan Kalimantan hingga akhir pekan.</p>
<p>Nelayan yang sudah berada di laut diminta segera mencari tempat berlindung terdekat dan
memastikan alat keselamatan tersedia di kapal. Informasi cuaca terbaru disampaikan melalui kanal
resmi dinas dan penyuluh perikanan di setiap pangkalan pendaratan ikan.</p>
<p>Dinas juga membuka posko informasi di nomor layanan PPID selama peringatan dini berlaku.</p>
""",
    },
    {
        "slug": "pasar-ikan-higienis-palangka-raya-mulai-beroperasi",
        "agency": "dislutkan",
        "author": "penulis",
        "title": "Pasar Ikan Higienis Palangka Raya Mulai Beroperasi",
        "lead": "Pasar dengan 48 lapak berpendingin dan instalasi pengolahan air limbah itu "
        "diharapkan menjaga mutu ikan sungai dan laut yang dijual kepada warga.",
        "category": "layanan-publik",
        "tags": ["kalteng"],
        "days_ago": 9,
        "caption": "Pedagang menata ikan di lapak berpendingin Pasar Ikan Higienis.",
        "credit": "Humas Dislutkan Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — Pasar Ikan Higienis di Jalan Mahir Mahar mulai melayani
pembeli. Pasar yang dibangun Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah ini memiliki
48 lapak berpendingin, ruang penanganan ikan, serta instalasi pengolahan air limbah.</p>
<p>Pedagang yang menempati lapak telah mengikuti bimbingan teknis penanganan ikan segar. Dinas
menerapkan jadwal pembersihan harian dan pemeriksaan mutu berkala oleh petugas laboratorium.</p>
<blockquote><p>"Pembeli mendapat ikan yang lebih segar, pedagang mendapat tempat yang lebih layak,"
kata pedagang ikan patin, Rusmini.</p></blockquote>
""",
    },
    {
        "slug": "dislutkan-raih-predikat-informatif-keterbukaan-informasi",
        "agency": "dislutkan",
        "author": "penulis",
        "title": "Dislutkan Raih Predikat Informatif dalam Monitoring Keterbukaan Informasi",
        "lead": "Komisi Informasi Provinsi Kalimantan Tengah menilai layanan informasi publik "
        "Dislutkan memenuhi standar, dari daftar informasi publik hingga waktu layanan permohonan.",
        "category": "layanan-publik",
        "tags": ["ppid", "keterbukaan-informasi", "humas"],
        "days_ago": 14,
        "caption": "Penyerahan piagam predikat informatif kepada PPID Dislutkan.",
        "credit": "Humas Dislutkan Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — Pejabat Pengelola Informasi dan Dokumentasi (PPID) Dinas
Kelautan dan Perikanan Provinsi Kalimantan Tengah meraih predikat <em>Informatif</em> dalam
monitoring dan evaluasi keterbukaan informasi publik tahun ini.</p>
<p>Penilaian mencakup ketersediaan Daftar Informasi Publik, pengumuman informasi berkala dan
serta-merta, kecepatan menjawab permohonan informasi sesuai Undang-Undang Nomor 14 Tahun 2008,
serta sarana layanan bagi penyandang disabilitas.</p>
<p>Atasan PPID Dislutkan, Agus Prasetyo, menyebut capaian ini sebagai hasil kerja bersama tim
humas dan PPID. "Setiap permohonan informasi kami jawab tepat waktu, dan statusnya dapat dipantau
pemohon secara daring," katanya.</p>
""",
    },
    {
        "slug": "bpsdm-kalteng-buka-pelatihan-kepemimpinan-pengawas",
        "agency": "bpsdm-kalteng",
        "author": "penulis_bpsdm",
        "title": "BPSDM Kalteng Buka Pelatihan Kepemimpinan Pengawas Angkatan IV",
        "lead": "Empat puluh pejabat pengawas dari kabupaten dan kota se-Kalimantan Tengah "
        "mengikuti pelatihan kepemimpinan selama empat bulan dengan proyek perubahan.",
        "category": "pelatihan",
        "tags": ["pelatihan", "asn", "kalteng"],
        "featured": True,
        "days_ago": 1,
        "caption": "Peserta Pelatihan Kepemimpinan Pengawas Angkatan IV saat pembukaan.",
        "credit": "Humas BPSDM Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — Badan Pengembangan Sumber Daya Manusia Provinsi Kalimantan
Tengah membuka Pelatihan Kepemimpinan Pengawas (PKP) Angkatan IV. Sebanyak empat puluh pejabat
pengawas dari pemerintah provinsi serta kabupaten dan kota mengikuti pelatihan ini.</p>
<p>Pelatihan berlangsung empat bulan dalam pola campuran: pembelajaran klasikal di kampus BPSDM,
pembelajaran daring, dan aktualisasi di instansi masing-masing. Setiap peserta wajib menyusun dan
melaksanakan proyek perubahan yang menjawab masalah layanan di unit kerjanya.</p>
<blockquote><p>"Pengawas adalah ujung tombak pelayanan. Proyek perubahan harus terasa manfaatnya
bagi masyarakat, bukan hanya menjadi laporan," pesan Kepala BPSDM dalam pembukaan.</p></blockquote>
""",
    },
    {
        "slug": "bpsdm-kalteng-luncurkan-kelas-daring-literasi-digital-asn",
        "agency": "bpsdm-kalteng",
        "author": "penulis_bpsdm",
        "title": "Kelas Daring Literasi Digital untuk ASN Resmi Dibuka",
        "lead": "Melalui platform pembelajaran BPSDM, ASN dapat belajar keamanan data, etika "
        "bermedia sosial dan layanan publik digital kapan saja, dengan sertifikat resmi.",
        "category": "teknologi-informasi",
        "tags": ["literasi-digital", "asn", "digital"],
        "days_ago": 6,
        "caption": "Tampilan kelas daring literasi digital di platform pembelajaran BPSDM.",
        "credit": "Humas BPSDM Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — BPSDM Provinsi Kalimantan Tengah meluncurkan kelas daring
literasi digital bagi aparatur sipil negara. Kelas terdiri atas empat modul: keamanan data pribadi
dan kata sandi, etika bermedia sosial bagi ASN, mengenali hoaks, dan merancang layanan publik
digital.</p>
<p>Setiap modul dapat diselesaikan dalam dua jam pelajaran dan diakhiri dengan evaluasi. Peserta
yang lulus seluruh modul memperoleh sertifikat yang diakui sebagai pengembangan kompetensi.</p>
<p>Pendaftaran dibuka bagi ASN pemerintah provinsi serta kabupaten dan kota melalui pengelola
kepegawaian masing-masing.</p>
""",
    },
    {
        "slug": "widyaiswara-bpsdm-ikuti-sertifikasi-pelatih-humas",
        "agency": "bpsdm-kalteng",
        "author": "penulis_bpsdm",
        "title": "Widyaiswara BPSDM Ikuti Sertifikasi Pelatih Kehumasan Pemerintah",
        "lead": "Sertifikasi menyiapkan pengajar bagi pelatihan humas perangkat daerah, "
        "melanjutkan kerja sama dengan Kominfo sejak pelatihan Digital Public Relation 2021.",
        "category": "pelatihan",
        "tags": ["humas", "kehumasan", "pelatihan"],
        "days_ago": 20,
        "caption": "Widyaiswara BPSDM berlatih menyampaikan materi komunikasi krisis.",
        "credit": "Humas BPSDM Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — Delapan widyaiswara BPSDM Provinsi Kalimantan Tengah mengikuti
sertifikasi pelatih kehumasan pemerintah. Sertifikasi ini menyiapkan pengajar tetap untuk pelatihan
humas bagi perangkat daerah di Kalimantan Tengah.</p>
<p>Program ini melanjutkan kerja sama dengan Kementerian Kominfo yang dimulai melalui pelatihan
Digital Public Relation di Dinas Kelautan dan Perikanan pada Oktober 2021. Materi sertifikasi
meliputi penulisan berita, strategi konten, komunikasi krisis dan evaluasi kinerja kehumasan.</p>
""",
    },
    {
        "slug": "bpsdm-kalteng-terima-penghargaan-lembaga-pelatihan-terakreditasi",
        "agency": "bpsdm-kalteng",
        "author": "penulis_bpsdm",
        "title": "BPSDM Kalteng Kembali Raih Akreditasi A Lembaga Pelatihan",
        "lead": "Lembaga Administrasi Negara menilai kurikulum, sarana dan tenaga pengajar BPSDM "
        "Kalimantan Tengah memenuhi standar tertinggi penyelenggara pelatihan ASN.",
        "category": "kegiatan",
        "tags": ["asn", "kalteng"],
        "days_ago": 33,
        "caption": "Gedung pembelajaran BPSDM Provinsi Kalimantan Tengah.",
        "credit": "Dok. BPSDM Kalteng",
        "body": """
<p><strong>Palangka Raya</strong> — BPSDM Provinsi Kalimantan Tengah kembali memperoleh akreditasi
A sebagai lembaga penyelenggara pelatihan dari Lembaga Administrasi Negara. Penilaian meliputi tata
kelola, kurikulum, kompetensi widyaiswara, sarana asrama dan kelas, serta sistem evaluasi.</p>
<p>Akreditasi ini berlaku lima tahun dan memungkinkan BPSDM menyelenggarakan pelatihan
kepemimpinan dan pelatihan dasar CPNS bagi instansi di seluruh Kalimantan Tengah.</p>
""",
    },
    {
        "slug": "kominfo-gelar-gerakan-nasional-literasi-digital-di-palangka-raya",
        "agency": "kominfo",
        "author": "penulis_kominfo",
        "title": "Gerakan Nasional Literasi Digital Sapa Pelajar Palangka Raya",
        "lead": "Lebih dari lima ratus pelajar SMA dan SMK belajar mengenali hoaks, melindungi "
        "data pribadi dan memanfaatkan internet untuk belajar dan berwirausaha.",
        "category": "teknologi-informasi",
        "tags": ["literasi-digital", "digital", "kalteng"],
        "days_ago": 3,
        "caption": "Pelajar mengikuti simulasi cek fakta dalam Gerakan Nasional Literasi Digital.",
        "credit": "Humas Kominfo",
        "body": """
<p><strong>Palangka Raya</strong> — Kementerian Komunikasi dan Informatika menggelar Gerakan
Nasional Literasi Digital di Palangka Raya. Lebih dari lima ratus pelajar SMA dan SMK mengikuti
sesi tentang cek fakta, keamanan akun, perlindungan data pribadi dan peluang ekonomi digital.</p>
<p>Peserta berlatih memeriksa kebenaran sebuah foto dan pesan berantai dalam simulasi cek fakta.
Panitia juga membuka konsultasi bagi guru yang ingin memasukkan literasi digital dalam kegiatan
sekolah.</p>
<blockquote><p>"Anak muda adalah pengguna internet terbanyak. Mereka harus menjadi yang paling cakap
memilah informasi," kata fasilitator Kominfo, Andi Kurniawan.</p></blockquote>
""",
    },
    {
        "slug": "kominfo-dorong-humas-pemerintah-daerah-kelola-media-sosial-terpadu",
        "agency": "kominfo",
        "author": "penulis_kominfo",
        "title": "Kominfo Dorong Humas Pemerintah Daerah Kelola Media Sosial Secara Terpadu",
        "lead": "Dalam forum tematik bakohumas, Kominfo meminta humas pemerintah daerah "
        "menyelaraskan narasi dan jadwal konten agar informasi publik tidak simpang siur.",
        "category": "kegiatan",
        "tags": ["humas", "media-sosial", "kehumasan"],
        "days_ago": 11,
        "caption": "Suasana Forum Tematik Bakohumas di Palangka Raya.",
        "credit": "Humas Kominfo",
        "body": """
<p><strong>Palangka Raya</strong> — Kementerian Kominfo mendorong humas pemerintah daerah
mengelola media sosial instansi secara terpadu. Hal itu mengemuka dalam Forum Tematik Badan
Koordinasi Kehumasan (Bakohumas) yang dihadiri pengelola humas perangkat daerah se-Kalimantan
Tengah.</p>
<p>Forum membahas agenda setting bersama, pemanfaatan data percakapan publik, dan standar
tanggapan terhadap aduan warga di media sosial. Peserta juga berbagi praktik baik, termasuk
pengalaman Dislutkan Kalteng sejak mengikuti pelatihan Digital Public Relation.</p>
""",
    },
    {
        "slug": "kominfo-perluas-akses-internet-desa-di-kalimantan-tengah",
        "agency": "kominfo",
        "author": "penulis_kominfo",
        "title": "Akses Internet Desa di Kalimantan Tengah Bertambah 120 Titik",
        "lead": "Titik layanan internet baru dipasang di balai desa, sekolah dan puskesmas di "
        "wilayah yang belum terjangkau jaringan seluler.",
        "category": "teknologi-informasi",
        "tags": ["digital", "kalteng"],
        "featured": False,
        "days_ago": 18,
        "caption": "Teknisi memasang perangkat internet satelit di balai desa.",
        "credit": "Dok. Kominfo",
        "body": """
<p><strong>Jakarta</strong> — Kementerian Kominfo menambah 120 titik layanan internet di
Kalimantan Tengah. Perangkat dipasang di balai desa, sekolah dan puskesmas di wilayah yang belum
terjangkau jaringan seluler, terutama di daerah hulu sungai.</p>
<p>Pemerintah desa diminta menjaga perangkat dan memanfaatkan akses internet untuk layanan
administrasi, pembelajaran dan pemasaran hasil usaha warga.</p>
""",
    },
    {
        "slug": "kominfo-ajak-warga-laporkan-konten-hoaks",
        "agency": "kominfo",
        "author": "penulis_kominfo",
        "title": "Warga Diajak Laporkan Konten Hoaks melalui Kanal Aduan Resmi",
        "lead": "Laporan masyarakat membantu penanganan konten negatif lebih cepat; identitas "
        "pelapor dilindungi.",
        "category": "pengumuman",
        "tags": ["literasi-digital", "media-sosial"],
        "days_ago": 26,
        "caption": "",
        "credit": "",
        "body": """
<p><strong>Jakarta</strong> — Kementerian Kominfo mengajak masyarakat melaporkan konten hoaks dan
konten negatif melalui kanal aduan resmi. Setiap laporan diverifikasi tim dan ditindaklanjuti
sesuai ketentuan peraturan perundang-undangan.</p>
<p>Warga diminta menyertakan tautan dan tangkapan layar. Identitas pelapor dijaga
kerahasiaannya.</p>
""",
    },
    # Not public: they show the review queue in the admin and must never reach the portal.
    {
        "slug": "rancangan-jadwal-pelatihan-humas-2027",
        "agency": "bpsdm-kalteng",
        "author": "penulis_bpsdm",
        "title": "Rancangan Jadwal Pelatihan Humas 2027",
        "lead": "Draf jadwal pelatihan kehumasan perangkat daerah untuk tahun 2027.",
        "category": "pelatihan",
        "tags": ["humas", "pelatihan"],
        "status": "draft",
        "body": "<p>Draf: jadwal masih dibahas bersama Kominfo.</p>",
    },
    {
        "slug": "dislutkan-siapkan-festival-ikan-sungai-kahayan",
        "agency": "dislutkan",
        "author": "penulis",
        "title": "Dislutkan Siapkan Festival Ikan Sungai Kahayan",
        "lead": "Festival akan menampilkan lomba masak ikan sungai dan pameran hasil budidaya.",
        "category": "kegiatan",
        "tags": ["budidaya"],
        "status": "in_review",
        "body": "<p>Naskah menunggu persetujuan penyunting.</p>",
    },
]
