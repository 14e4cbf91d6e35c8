"""Demo PPID data for `manage.py seed_demo`: the holiday table, DIP entries, requests in several
states and one objection. Idempotent: what exists is left alone."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User

from . import services
from .models import DIPEntry, InformationRequest
from .services.dip import assign_number

DIP_ENTRIES = {
    "dislutkan": [
        ("Rencana Strategis Dinas Kelautan dan Perikanan 2025-2029", DIPEntry.Category.PERIODIC,
         "Arah kebijakan, tujuan, sasaran dan program lima tahunan dinas.", "Sekretariat"),
        ("Laporan Kinerja Instansi Pemerintah (LKjIP) 2025", DIPEntry.Category.PERIODIC,
         "Capaian kinerja dinas tahun 2025 beserta analisisnya.", "Subbagian Program"),
        ("Peringatan dini cuaca ekstrem bagi nelayan", DIPEntry.Category.IMMEDIATE,
         "Informasi gelombang tinggi dan cuaca ekstrem yang membahayakan keselamatan nelayan.",
         "Bidang Perikanan Tangkap"),
        ("Daftar kelompok pembudidaya ikan penerima bantuan", DIPEntry.Category.ANY_TIME,
         "Nama kelompok, kabupaten dan jenis bantuan benih dan pakan.", "Bidang Budidaya"),
        ("Dokumen penyelidikan pelanggaran izin penangkapan ikan", DIPEntry.Category.EXEMPT,
         "", "Bidang Pengawasan"),
    ],
    "bpsdm-kalteng": [
        ("Kalender diklat aparatur 2026", DIPEntry.Category.PERIODIC,
         "Jadwal pelatihan kepemimpinan, teknis dan fungsional tahun 2026.", "Bidang Diklat"),
        ("Standar pelayanan pelatihan", DIPEntry.Category.ANY_TIME,
         "Persyaratan, prosedur, waktu dan biaya layanan pelatihan.", "Sekretariat"),
    ],
    "kominfo": [
        ("Laporan keuangan kementerian 2025 (audited)", DIPEntry.Category.PERIODIC,
         "Laporan keuangan yang telah diperiksa BPK.", "Biro Keuangan"),
    ],
}  # fmt: skip

DEMO_REQUESTS = [
    # (days ago, channel, name, nik, information, state)
    (1, "online", "Sri Wahyuni", "6271014507900001",
     "Data produksi perikanan tangkap 2025 per kabupaten", "received"),
    (6, "walk_in", "Ahmad Fauzi", "6271021203850002",
     "Salinan SK penetapan kawasan konservasi perairan", "awaiting"),
    (9, "online", "Yayasan Lestari Sungai", "", "Anggaran rehabilitasi mangrove 2025", "extended"),
    (4, "letter", "Hendra Gunawan", "6271031508800003",
     "Daftar penerima bantuan kapal 2025", "granted"),
    (25, "online", "Maya Sari", "6271045011920004",
     "Dokumen penyelidikan pelanggaran izin kapal X", "refused"),
]  # fmt: skip

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


LETTER_PLACES = {
    "dislutkan": "Palangka Raya",
    "bpsdm-kalteng": "Palangka Raya",
    "kominfo": "Jakarta",
}
#: Demo NIPs (18 digits: birth date, appointment month, sex, sequence) for those who sign.
DEMO_NIPS = {
    "petugas_ppid": "198703142010012005",
    "atasan_ppid": "197508212000031002",
}


def seed(*, agencies, stdout) -> None:
    today = timezone.localdate()
    added = services.sync_package_holidays([today.year, today.year + 1])
    stdout.write(f"PPID: {added} national holidays and cuti bersama copied into the calendar.")
    for slug, place in LETTER_PLACES.items():  # where the demo agencies sign their letters
        Agency.objects.filter(slug=slug, ppid_letter_place="").update(ppid_letter_place=place)
    for user in User.objects.filter(username__in=DEMO_NIPS, nip=""):
        user.nip = DEMO_NIPS[user.username]
        user.save(update_fields=["nip"])
    for slug, entries in DIP_ENTRIES.items():
        agency = agencies[slug]
        for title, category, summary, unit in entries:
            exempt = category == DIPEntry.Category.EXEMPT
            entry, _created = DIPEntry.objects.get_or_create(
                agency=agency,
                title=title,
                defaults={
                    "category": category,
                    "summary": summary,
                    "holding_unit": unit,
                    "person_responsible": "PPID " + agency.short_name,
                    "made_when": str(today.year - 1),
                    "made_where": "Palangka Raya" if slug != "kominfo" else "Jakarta",
                    "form": DIPEntry.Form.BOTH,
                    "retention_period": "5 tahun",
                    "published": True,
                    "exemption_ground": "17a" if exempt else "",
                    "classification_reason": "Membuka dokumen dapat menghambat proses penyidikan."
                    if exempt
                    else "",
                    "exempt_until": today.replace(year=today.year + 2) if exempt else None,
                },
            )
            if entry.number is None:
                with transaction.atomic():
                    assign_number(entry)
                    entry.save(update_fields=["number"])
    _seed_requests(agencies["dislutkan"], stdout)


def _seed_requests(agency, stdout) -> None:
    officer = User.objects.filter(username="petugas_ppid").first()
    head = User.objects.filter(username="atasan_ppid").first()
    if officer is None or InformationRequest.objects.filter(agency=agency).exists():
        return
    codes = []
    # Oldest first, so registration numbers follow the dates of receipt.
    for days_ago, channel, name, nik, info, state in sorted(DEMO_REQUESTS, key=lambda r: -r[0]):
        data = {
            "applicant_type": "badan_hukum" if not nik else "perorangan",
            "name": name,
            "nik": nik,
            "legal_entity_decree": "AHU-0012345.AH.01.04.Tahun 2019" if not nik else "",
            "address": "Jl. Tjilik Riwut Km. 2, Palangka Raya",
            "phone": "081234567890",
            "email": "",
            "information_requested": info,
            "purpose": "Bahan kajian dan pemantauan kebijakan",
            "obtain_method": "softcopy",
            "delivery_method": "email" if channel == "online" else "langsung",
        }
        received_at = timezone.now() - timedelta(days=days_ago)
        req, code = services.register_request(
            agency=agency,
            data=data,
            channel=channel,
            actor=officer if channel != "online" else None,
            received_at=received_at,
        )
        codes.append((req.registration_number, code))
        if state == "awaiting":
            services.ask_for_completion(req, actor=officer, missing="Fotokopi KTP pemohon.")
        elif state == "extended":
            services.extend(req, actor=officer, days=7, reason="Data masih dihimpun dari UPT.")
        elif state == "granted":
            services.decide(req, actor=officer, outcome="granted",
                            reasons="Informasi terlampir dalam bentuk softcopy.")  # fmt: skip
            services.attach_file(req, actor=officer, uploaded=ContentFile(DEMO_PDF, "daftar.pdf"),
                                 description="Daftar penerima bantuan kapal 2025")  # fmt: skip
        elif state == "refused":
            services.decide(
                req, actor=officer, outcome="exempt", exemption_ground="17a",
                consequence_test="Membuka dokumen dapat menghambat penyidikan yang berjalan.",
                reasons="Dokumen merupakan bagian dari proses penyidikan.",
            )  # fmt: skip
            services.file_objection(
                req, grounds=["35a"],
                case_text="Penyidikan sudah lama selesai, dokumen seharusnya dapat dibuka.",
            )  # fmt: skip
    stdout.write("PPID demo requests (registration number / tracking code):")
    for number, code in codes:
        stdout.write(f"  {number}  {code}")
    if head is None:
        stdout.write("  (no atasan_ppid account: the objection waits for a PPID head)")
