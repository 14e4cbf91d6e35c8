"""Demo planning for `manage.py seed_demo`: a month of Dislutkan's Digital PR desk.

An objective for the current month, five pillars with colours and target shares, a key message,
two hashtag sets, the plan of each demo article, and about twenty planned posts across the
platforms, made from the demo articles with the caption helper: some posted already, some
approved and waiting for their time, some in review, some still drafts. Idempotent: the month's
posts are created only when the agency has none in that month yet.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Agency, User
from newsroom import editing, workflow
from newsroom.models import Article

from . import captions, planning
from .planning import KeyMessage, Metric, Objective, Pillar
from .posts import HashtagSet, PlannedPost, mark_posted

AGENCY = "dislutkan"
WRITER, SUPERVISOR = "penulis", "penyunting"

PILLARS = [
    # name, colour, target share, description
    ("Edukasi", "#1f77b4", 30, "Pengetahuan praktis bagi nelayan, pembudidaya dan konsumen ikan."),
    ("Layanan Publik", "#2ca02c", 25, "Bantuan, perizinan, pasar ikan dan layanan PPID dinas."),
    ("Kegiatan Pimpinan", "#ff7f0e", 15, "Agenda dan arahan Kepala Dinas."),
    ("Prestasi", "#9467bd", 15, "Penghargaan dan capaian kinerja dinas."),
    ("Interaksi", "#d62728", 15, "Sapaan, kuis dan tanya jawab dengan warganet."),
]

HASHTAG_SETS = {
    "Umum": "#Dislutkan #KaltengBerkah #KelautanPerikanan",
    "Nelayan": "#NelayanKalteng #InfoCuaca #KeselamatanMelaut",
}

BENIH = "dislutkan-salurkan-bantuan-benih-ikan-bagi-pembudidaya-katingan"
GELOMBANG = "peringatan-gelombang-tinggi-nelayan-diminta-waspada"
PASAR = "pasar-ikan-higienis-palangka-raya-mulai-beroperasi"
INFORMATIF = "dislutkan-raih-predikat-informatif-keterbukaan-informasi"
PELATIHAN = "pelatihan-digital-public-relation-bagi-asn-dislutkan-kalteng"
FESTIVAL = "dislutkan-siapkan-festival-ikan-sungai-kahayan"

# Which pillar each demo article serves.
ARTICLE_PILLARS = {
    BENIH: "Layanan Publik",
    GELOMBANG: "Edukasi",
    PASAR: "Layanan Publik",
    INFORMATIF: "Prestasi",
    PELATIHAN: "Kegiatan Pimpinan",
    FESTIVAL: "Interaksi",
}

# Posts that stand alone: their pillar and text.
STANDALONE = {
    "sapaan": (
        "Interaksi",
        "Sobat Dislutkan, ikan sungai apa yang paling sering hadir di meja makan keluarga Anda? "
        "Patin, baung, atau gabus? Ceritakan di kolom balasan.",
    ),
    "kuis": (
        "Interaksi",
        "Kuis akhir pekan: berapa lama ikan segar dapat bertahan di lemari es sebelum mutunya "
        "menurun? Jawab di kolom komentar, jawaban tepat kami umumkan Senin.",
    ),
    "ppid": (
        "Layanan Publik",
        "Layanan informasi PPID Dislutkan Kalteng buka Senin–Jumat pukul 08.00–16.00 WIB. "
        "Ajukan permohonan informasi secara daring melalui portal, tanpa biaya.",
    ),
}

# The month's posts: day of the month, hour, platform, source (a demo article or a standalone
# text), hashtag set, and the state to leave it in.
POSTS = [
    (2, 9, "instagram", BENIH, "Umum", "posted"),
    (2, 10, "facebook", BENIH, "Umum", "posted"),
    (2, 12, "x", BENIH, "Umum", "posted"),
    (4, 7, "whatsapp", GELOMBANG, "Nelayan", "posted"),
    (4, 8, "x", GELOMBANG, "Nelayan", "posted"),
    (4, 9, "facebook", GELOMBANG, "Nelayan", "posted"),
    (6, 19, "threads", "sapaan", "Umum", "posted"),
    (8, 10, "instagram", PASAR, "Umum", "posted"),
    (8, 16, "tiktok", PASAR, "Umum", "posted"),
    (11, 9, "linkedin", INFORMATIF, "Umum", "approved"),
    (11, 10, "facebook", INFORMATIF, "Umum", "approved"),
    (13, 15, "youtube", PELATIHAN, "Umum", "approved"),
    (15, 19, "facebook", "kuis", "Umum", "approved"),
    (17, 9, "x", PASAR, "Umum", "approved"),
    (19, 10, "threads", INFORMATIF, None, "in_review"),
    (21, 9, "instagram", PELATIHAN, "Umum", "in_review"),
    (23, 16, "facebook", "ppid", "Umum", "in_review"),
    (25, 9, "tiktok", GELOMBANG, "Nelayan", "draft"),
    (27, 10, "x", INFORMATIF, "Umum", "draft"),
    (28, 19, "whatsapp", PASAR, "Umum", "draft"),
]

POST_URLS = {
    "instagram": "https://www.instagram.com/p/DislutkanKalteng{n}/",
    "facebook": "https://www.facebook.com/dislutkan.kalteng/posts/{n}",
    "x": "https://x.com/dislutkankalteng/status/18{n:016d}",
    "tiktok": "https://www.tiktok.com/@dislutkankalteng/video/73{n:016d}",
    "youtube": "https://www.youtube.com/watch?v=DslKtg{n:05d}",
    "whatsapp": "https://whatsapp.com/channel/0029VaDislutkan{n}",
    "threads": "https://www.threads.net/@dislutkankalteng/post/C{n}",
    "linkedin": "https://www.linkedin.com/feed/update/urn:li:activity:7{n:018d}",
}


def seed(agencies: dict[str, Agency], stdout=None) -> int:
    """Create the missing planning and posts of Dislutkan's current month; return new posts."""
    agency = agencies.get(AGENCY)
    people = {u.username: u for u in User.objects.filter(username__in=[WRITER, SUPERVISOR])}
    if agency is None or len(people) < 2:
        return 0
    today = timezone.localdate()
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    pillars = {
        name: Pillar.objects.get_or_create(
            agency=agency,
            name=name,
            defaults={
                "colour": colour,
                "target_share": share,
                "description": text,
                "position": n,
            },  # fmt: skip
        )[0]
        for n, (name, colour, share, text) in enumerate(PILLARS)
    }
    objective, _ = Objective.objects.get_or_create(
        agency=agency,
        period_start=first,
        title="Pembudidaya dan nelayan mengenal layanan dinas",
        defaults={
            "period_end": last,
            "description": "Lebih banyak pembudidaya dan nelayan mengetahui bantuan, peringatan "
            "cuaca dan layanan PPID dinas, lalu memanfaatkannya.",
            "audience": "Nelayan dan pembudidaya ikan di Kalimantan Tengah",
            "metric": Metric.REACH,
            "target_value": 60000,
        },
    )
    key_message, _ = KeyMessage.objects.get_or_create(
        agency=agency,
        title="Ketahanan pangan dari laut dan sungai",
        defaults={
            "text": "Pemerintah memperkuat ketahanan pangan nasional, termasuk protein dari "
            "perikanan tangkap dan budidaya; setiap instansi menyampaikan capaian dan "
            "manfaatnya bagi masyarakat dalam satu narasi.",
            "source": KeyMessage.Source.NATIONAL,
            "reference": "Inpres 9/2015 tentang Pengelolaan Komunikasi Publik",
            "period_start": first,
        },
    )
    sets = {
        name: HashtagSet.objects.get_or_create(
            agency=agency, name=name, defaults={"hashtags": tags}
        )[0]  # fmt: skip
        for name, tags in HASHTAG_SETS.items()
    }
    articles = {a.slug: a for a in Article.objects.filter(slug__in=ARTICLE_PILLARS, agency=agency)}
    for slug, article in articles.items():
        if planning.plan_for(article) is None:
            serves = ARTICLE_PILLARS[slug] in ("Layanan Publik", "Edukasi")
            planning.set_plan(article, pillar=pillars[ARTICLE_PILLARS[slug]],
                              objective=objective if serves else None,
                              key_message=key_message if serves else None)  # fmt: skip
    month = PlannedPost.objects.filter(agency=agency, planned_at__date__gte=first,
                                       planned_at__date__lte=last)  # fmt: skip
    created = 0
    if not month.exists():
        for n, row in enumerate(POSTS, start=1):
            if _create(n, row, agency, people, pillars, objective, key_message, sets, articles,
                       first, last):  # fmt: skip
                created += 1
    if stdout is not None:
        stdout.write(f"Outreach: {created} planned posts created for {first:%m/%Y}.")
    return created


@transaction.atomic
def _create(n, row, agency, people, pillars, objective, key_message, sets, articles, first, last):
    day, hour, platform, slug, set_name, state = row
    standalone = STANDALONE.get(slug)
    if standalone is None and slug not in articles:
        return False
    moment = datetime.combine(first.replace(day=min(day, last.day)), time(hour, 0))
    planned_at = timezone.make_aware(moment)
    if state == "posted" and planned_at > timezone.now():
        state = "approved"  # a month seeded early: what is still to come is only approved
    source = articles.get(slug)
    pillar = pillars[standalone[0] if standalone else ARTICLE_PILLARS[slug]]
    hashtags = sets[set_name].hashtags if set_name else ""
    if platform == "threads":
        hashtags = hashtags.split()[0] if hashtags else ""  # Threads takes one topic tag
    post = PlannedPost(
        agency=agency,
        platform=platform,
        source=source,
        hashtags=hashtags,
        planned_at=planned_at,
        pillar=pillar,
        objective=objective if pillar.name in ("Layanan Publik", "Edukasi") else None,
        key_message=key_message if slug == BENIH else None,
    )
    if source is not None:
        post.caption = captions.draft_caption(source, platform, hashtags=hashtags,
                                              link=post.tracked_link())  # fmt: skip
        post.title = captions.draft_title(source, platform) if platform == "youtube" else ""
    else:
        post.caption = standalone[1]
    if platform == "instagram" and post.media() is None:
        return False  # Instagram needs a photo, and the demo article had none
    post.full_clean(exclude=["author"])
    editing.create(post, actor=people[WRITER])
    if state in ("in_review", "approved", "posted"):
        workflow.submit(post, actor=people[WRITER])
    if state in ("approved", "posted"):
        workflow.approve(post, actor=people[SUPERVISOR])
    if state == "posted":
        mark_posted(post, actor=people[WRITER], url=POST_URLS[platform].format(n=n * 7919),
                    posted_at=planned_at + timedelta(minutes=4))  # fmt: skip
    return True
