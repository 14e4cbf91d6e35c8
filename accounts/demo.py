"""Demo agencies and one account per role, for `manage.py seed_demo` (never in production)."""

import secrets

from django.db import transaction

from .models import Agency, Membership, Role, User

AGENCIES = [
    {
        "slug": "dislutkan",
        "name": "Dinas Kelautan dan Perikanan Provinsi Kalimantan Tengah",
        "short_name": "Dislutkan",
        "description": "Dinas yang membidangi kelautan, perikanan tangkap, budidaya dan "
        "pengolahan hasil perikanan di Provinsi Kalimantan Tengah.",
        "address": "Jl. Jend. Sudirman No. 1, Palangka Raya, Kalimantan Tengah",
        "phone": "(0536) 3221234",
        "email": "ppid@dislutkan.kalteng.go.id",
    },
    {
        "slug": "bpsdm-kalteng",
        "name": "Badan Pengembangan Sumber Daya Manusia Provinsi Kalimantan Tengah",
        "short_name": "BPSDM Kalteng",
        "description": "Badan yang menyelenggarakan pendidikan dan pelatihan aparatur "
        "sipil negara di Provinsi Kalimantan Tengah.",
        "address": "Jl. Tjilik Riwut Km. 5, Palangka Raya, Kalimantan Tengah",
        "phone": "(0536) 3231456",
        "email": "ppid@bpsdm.kalteng.go.id",
    },
    {
        "slug": "kominfo",
        "name": "Kementerian Komunikasi dan Informatika",
        "short_name": "Kominfo",
        "description": "Kementerian yang membidangi komunikasi, informatika dan "
        "diseminasi informasi publik.",
        "address": "Jl. Medan Merdeka Barat No. 9, Jakarta Pusat",
        "phone": "(021) 3452841",
        "email": "ppid@kominfo.go.id",
    },
]

# username -> (first name, last name, role, agency slug)
DEMO_USERS = {
    "penulis": ("Rina", "Wulandari", Role.WRITER, "dislutkan"),
    "penyunting": ("Budi", "Santoso", Role.SUPERVISOR, "dislutkan"),
    "petugas_ppid": ("Siti", "Rahmawati", Role.PPID_OFFICER, "dislutkan"),
    "atasan_ppid": ("Agus", "Prasetyo", Role.PPID_HEAD, "dislutkan"),
    "admin_instansi": ("Dewi", "Lestari", Role.AGENCY_ADMIN, "dislutkan"),
    "penulis_bpsdm": ("Yohanes", "Saputra", Role.WRITER, "bpsdm-kalteng"),
    "penyunting_bpsdm": ("Maria", "Ningsih", Role.SUPERVISOR, "bpsdm-kalteng"),
    "penulis_kominfo": ("Andi", "Kurniawan", Role.WRITER, "kominfo"),
    "penyunting_kominfo": ("Lina", "Marlina", Role.SUPERVISOR, "kominfo"),
}
SUPERUSER = "superadmin"


@transaction.atomic
def seed_agencies() -> dict[str, Agency]:
    agencies = {}
    for data in AGENCIES:
        fields = {k: v for k, v in data.items() if k != "slug"}
        agencies[data["slug"]], _ = Agency.objects.get_or_create(slug=data["slug"], defaults=fields)
    return agencies


@transaction.atomic
def seed_users(agencies: dict[str, Agency]) -> dict[str, str]:
    """Create missing demo accounts; return {username: password} for the ones created now."""
    created = {}
    for username, (first, last, role, slug) in DEMO_USERS.items():
        user, is_new = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.humas.local",
                "is_staff": True,
            },
        )
        if is_new:
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
            created[username] = password
        Membership.objects.get_or_create(user=user, agency=agencies[slug], role=role)
    admin, is_new = User.objects.get_or_create(
        username=SUPERUSER,
        defaults={"is_staff": True, "is_superuser": True, "email": "superadmin@demo.humas.local"},
    )
    if is_new:
        password = secrets.token_urlsafe(9)
        admin.set_password(password)
        admin.save(update_fields=["password"])
        created[SUPERUSER] = password
    return created
