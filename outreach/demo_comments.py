"""Demo comment desk for `manage.py seed_demo`: Dislutkan's reply templates and a month of
comments and messages, several answered (through outreach.desk, so their response times are
counted in office hours), one pointed to SP4N-LAPOR!. Idempotent: keyed by a demo id."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import User

from . import desk
from .comments import Comment, ReplyTemplate
from .posts import PlannedPost

TEMPLATES = [
    ("Terima kasih atas apresiasi", "appreciation",
     "Terima kasih, {nama}, atas dukungannya. Kami terus berupaya melayani masyarakat pesisir dan "
     "nelayan Kalimantan Tengah. Salam, {instansi}."),
    ("Jawaban pertanyaan umum", "question",
     "Halo {nama}, terima kasih atas pertanyaannya. Informasi lengkap dapat dilihat di laman kami; "
     "bila memerlukan dokumen resmi, silakan ajukan permohonan informasi di {tautan_ppid}. "
     "Salam, {petugas} ({instansi})."),
    ("Keluhan layanan", "complaint",
     "Mohon maaf atas ketidaknyamanannya, {nama}. Keluhan Anda kami teruskan ke bidang terkait. "
     "Agar dapat dipantau, Anda juga dapat menyampaikannya melalui SP4N-LAPOR! di {lapor}. "
     "Salam, {instansi}."),
    ("Klarifikasi hoaks", "hoax",
     "Halo {nama}, informasi tersebut tidak benar. Informasi resmi {instansi} hanya disampaikan "
     "melalui laman dan akun media sosial resmi kami. Mari bijak membagikan informasi."),
]  # fmt: skip

# (id, days ago, hour, platform, kind, name, handle, text, class, sentiment, answer after hours)
COMMENTS = [
    ("demo-01", 1, 9, "instagram", "comment", "Rahmat Hidayat", "@rahmat.h",
     "Kapan bantuan benih ikan nila dibagikan di Kapuas, min?", "question", "neutral", None),
    ("demo-02", 1, 20, "facebook", "comment", "Siti Aminah", "",
     "Terima kasih Dislutkan, pelatihan pengolahan ikan kemarin sangat bermanfaat.",
     "appreciation", "positive", None),
    ("demo-03", 2, 10, "instagram", "dm", "Yanto Saputra", "@yanto_nelayan",
     "Izin bertanya, syarat mendapatkan kartu KUSUKA apa saja?", "question", "neutral", 3),
    ("demo-04", 3, 14, "facebook", "comment", "Hendra", "",
     "Sudah tiga bulan bantuan mesin kapal belum datang, padahal sudah didata.", "complaint",
     "negative", None),
    ("demo-05", 4, 19, "x", "comment", "Kalteng Update", "@kaltengupdate",
     "Katanya ikan dari Sungai Kahayan beracun semua, benarkah?", "hoax", "negative", 16),
    ("demo-06", 6, 8, "tiktok", "comment", "Dewi Anggraini", "@dewi.ang",
     "Keren videonya! Semangat terus untuk nelayan Kalteng.", "appreciation", "positive", 2),
    ("demo-07", 8, 11, "instagram", "comment", "Budi Harsono", "@budiharsono",
     "Mohon data produksi perikanan tangkap 2025 per kabupaten, untuk penelitian skripsi.",
     "question", "neutral", 5),
    ("demo-08", 9, 15, "youtube", "comment", "Pak Rusdi", "",
     "Suaranya kurang jelas di menit ke-3.", "other", "neutral", None),
    ("demo-09", 11, 21, "facebook", "dm", "Maya Sari", "",
     "Pelayanan di UPT pelabuhan perikanan lambat sekali, antre dari pagi.", "complaint",
     "negative", 26),
    ("demo-10", 13, 10, "whatsapp", "dm", "Ahmad Fauzi", "",
     "Apakah ada program pelatihan budidaya lele tahun ini?", "question", "neutral", 1),
    ("demo-11", 16, 13, "instagram", "comment", "Nur Aini", "@nuraini",
     "Mantap, semoga harga ikan tetap stabil.", "appreciation", "positive", 4),
    ("demo-12", 20, 9, "threads", "comment", "Yohana", "@yohana.k",
     "Di mana bisa melihat jadwal pasar ikan murah bulan depan?", "question", "neutral", 30),
    ("demo-13", 24, 16, "facebook", "comment", "Rudi Hartono", "",
     "Pembagian jaring kemarin tidak merata, yang dekat kantor saja yang dapat.", "complaint",
     "negative", 7),
    ("demo-14", 27, 11, "instagram", "comment", "Lestari", "@lestari_sampit",
     "Info lowongan penyuluh perikanan ada?", "question", "neutral", 2),
]  # fmt: skip


def seed(*, agencies, stdout) -> None:
    agency = agencies.get("dislutkan")
    writer = User.objects.filter(username="penulis").first()
    if agency is None or writer is None:
        return
    for title, category, body in TEMPLATES:
        ReplyTemplate.objects.get_or_create(
            agency=agency, title=title, defaults={"category": category, "body": body}
        )
    templates = {t.category: t for t in ReplyTemplate.objects.filter(agency=agency)}
    today = timezone.localdate()
    zone = timezone.get_default_timezone()
    added = 0
    for key, days, hour, platform, kind, name, handle, text, category, sentiment, after in COMMENTS:
        if Comment.objects.filter(agency=agency, platform=platform, external_id=key).exists():
            continue
        posted_at = datetime.combine(today - timedelta(days=days), time(hour, 5), tzinfo=zone)
        # A comment on a post: the agency's latest post on that platform online by then (from
        # outreach.demo, which runs first), with its address.
        post = (
            PlannedPost.objects.filter(agency=agency, platform=platform, posted_at__lte=posted_at)
            .order_by("-posted_at")
            .first()
            if kind == Comment.Kind.COMMENT
            else None
        )
        comment = desk.save_comment(
            Comment(agency=agency, platform=platform, kind=kind, author_name=name,
                    author_handle=handle, text=text, posted_at=posted_at, category=category,
                    sentiment=sentiment, external_id=key, planned_post=post,
                    post_url=post.posted_url if post else ""),
            actor=writer,
        )  # fmt: skip
        added += 1
        if after is None:
            continue
        answered_at = min(posted_at + timedelta(hours=after), timezone.now())
        if key == "demo-09":
            desk.refer_to_lapor(
                comment, actor=writer, text=desk.lapor_reply(comment, actor=writer), at=answered_at
            )
        else:
            template = templates.get(category) or templates["question"]
            text = desk.render_template(template, comment, actor=writer)
            desk.reply(comment, actor=writer, text=text, at=answered_at)
        if days > 7:
            desk.close(comment, actor=writer)
    stdout.write(f"Comment desk: {added} demo comments for {agency.short_name}.")
