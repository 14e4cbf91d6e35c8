"""Bulk test data for benchmarks: ``manage.py seed_bulk --articles 100000 --requests 100000``.

Rows go in with ``bulk_create`` in batches (5,000 by default), so 100k articles take a few minutes,
not hours. What the app's own save paths would do is done here in bulk, consistently:
- article bodies are generated HTML already within the sanitiser's allow-list; slugs are unique
  (title + running number); on PostgreSQL the search document (``search_document``, migration
  0004) is filled by its trigger on every INSERT, bulk ones included, so search sees every row;
- PPID requests get registration numbers that continue each agency's yearly counter (the counter
  row is moved forward to the last number used), a due date from the working-day calendar, a
  "received" timeline row, and for decided requests a decision that passes the decision rules and
  a "decided" timeline row.
Running it again adds more rows. Agencies, categories, tags and one writer per agency are reused.
"""

from __future__ import annotations

import random
import secrets
import time
from collections import defaultdict
from datetime import datetime, timedelta
from datetime import time as clock

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Agency, Membership, Role, User
from newsroom.models import Article, Category, Tag

from ._bulk_text import AGENCIES, CATEGORIES, TAGS, TextMaker

Status = Article.Status


class Command(BaseCommand):
    help = "Insert many realistic articles and PPID requests quickly (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--requests", type=int, default=0)
        parser.add_argument(
            "--events", type=int, default=0, help="agenda items, and half as many announcements"
        )
        parser.add_argument("--documents", type=int, default=0, help="files of the download centre")
        parser.add_argument("--years", type=int, default=5, help="spread dates over this many")
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        self.rng = random.Random(options["seed"])
        self.text = TextMaker(self.rng)
        self.batch = options["batch"]
        self.now = timezone.now()
        self.start = self.now - timedelta(days=365 * options["years"])
        agencies = self.ensure_agencies()
        if options["articles"]:
            began = time.monotonic()
            self.insert_articles(agencies, options["articles"])
            self.stdout.write(f"{options['articles']} articles in {time.monotonic() - began:.1f} s")
        if options["events"]:
            began = time.monotonic()
            self.insert_agenda(agencies, options["events"])
            self.stdout.write(
                f"{options['events']} events and {options['events'] // 2} announcements"
                f" in {time.monotonic() - began:.1f} s"
            )
        if options["documents"]:
            began = time.monotonic()
            self.insert_documents(agencies, options["documents"])
            self.stdout.write(
                f"{options['documents']} documents in {time.monotonic() - began:.1f} s"
            )
        if options["requests"]:
            began = time.monotonic()
            self.insert_requests(agencies, options["requests"])
            self.stdout.write(
                f"{options['requests']} PPID requests in {time.monotonic() - began:.1f} s"
            )

    # -- shared rows ---------------------------------------------------------------------------

    def ensure_agencies(self) -> list[tuple[Agency, User]]:
        out = []
        for name, short in AGENCIES:
            slug = slugify(short)
            agency, _ = Agency.objects.get_or_create(
                slug=slug, defaults={"name": name, "short_name": short}
            )
            writer, created = User.objects.get_or_create(
                username=f"penulis-{slug}", defaults={"is_staff": True, "first_name": short}
            )
            if created:
                writer.set_unusable_password()
                writer.save(update_fields=["password"])
                Membership.objects.get_or_create(user=writer, agency=agency, role=Role.WRITER)
            out.append((agency, writer))
        self.categories = [
            Category.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0]
            for n in CATEGORIES
        ]
        self.tags = [
            Tag.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0] for n in TAGS
        ]
        return out

    def random_moment(self) -> datetime:
        span = (self.now - self.start).total_seconds()
        return self.start + timedelta(seconds=self.rng.random() * span)

    # -- articles ------------------------------------------------------------------------------

    def article_status(self) -> tuple[str, datetime | None]:
        roll = self.rng.random()
        if roll < 0.94:
            return Status.PUBLISHED, self.random_moment()
        if roll < 0.95:  # scheduled: published status, time still to come
            return Status.PUBLISHED, self.now + timedelta(hours=self.rng.randint(1, 24 * 30))
        if roll < 0.97:
            return Status.ARCHIVED, self.random_moment()
        if roll < 0.99:
            return Status.DRAFT, None
        return Status.IN_REVIEW, None

    def insert_articles(self, agencies, count: int) -> None:
        first = (Article.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        done = 0
        while done < count:
            size = min(self.batch, count - done)
            rows, tag_choices = [], []
            for i in range(size):
                agency, writer = self.rng.choice(agencies)
                status, publish_at = self.article_status()
                created = min(publish_at or self.random_moment(), self.now)
                title, lead, body = self.text.article(agency.name, created.year)
                rows.append(
                    Article(
                        agency=agency,
                        author=writer,
                        title=title,
                        slug=f"{slugify(title)[:190]}-{first + done + i}",
                        lead=lead,
                        body=body,
                        category=self.rng.choice(self.categories),
                        is_featured=self.rng.random() < 0.02,
                        status=status,
                        publish_at=publish_at,
                        created_at=created,
                    )
                )
                tag_choices.append(self.rng.sample(self.tags, self.rng.randint(1, 3)))
            with transaction.atomic():
                saved = Article.objects.bulk_create(rows)
                if saved[0].pk is None:  # backends that do not return ids
                    by_slug = dict(
                        Article.objects.filter(slug__in=[a.slug for a in rows]).values_list(
                            "slug", "pk"
                        )
                    )
                    for article in saved:
                        article.pk = by_slug[article.slug]
                Through = Article.tags.through
                Through.objects.bulk_create(
                    [
                        Through(article_id=article.pk, tag_id=tag.pk)
                        for article, tags in zip(saved, tag_choices, strict=True)
                        for tag in tags
                    ]
                )
            done += size
            self.stdout.write(f"  articles: {done}/{count}")

    # -- announcements and the agenda ------------------------------------------------------------

    def insert_agenda(self, agencies, count: int) -> None:
        """Events from the start of the period to six months ahead (starts_at and ends_at derived
        as Event.save would), and announcements with the default 30-day end."""
        from newsroom.agenda import ANNOUNCEMENT_LIFETIME, Announcement, Event

        first = (Event.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        ahead = timedelta(days=180)
        times = [None, clock(8), clock(9), clock(13), clock(19, 30)]
        events, notices = [], []
        for n in range(count):
            agency, writer = self.rng.choice(agencies)
            moment = self.start + (self.now + ahead - self.start) * self.rng.random()
            day = timezone.localdate(moment)
            title, lead, body = self.text.article(agency.name, day.year)
            start = self.rng.choice(times)
            event = Event(
                agency=agency, author=writer, title=title, lead=lead, body=body,
                slug=f"{slugify(title)[:190]}-{first + n}", start_date=day, start_time=start,
                end_date=day + timedelta(days=self.rng.choice([0, 0, 0, 1, 2])),
                end_time=clock(start.hour + 2) if start and start.hour < 20 else None,
                location=f"Aula {agency.short_name}", status=Status.PUBLISHED,
                publish_at=min(moment, self.now) - timedelta(days=14), created_at=self.start,
            )  # fmt: skip
            event.starts_at, event.ends_at = event.span()
            events.append(event)
            if n % 2:
                published = self.random_moment()
                notices.append(
                    Announcement(
                        agency=agency, author=writer, title=title,
                        slug=f"{slugify(title)[:190]}-{first + n}", lead=lead, body=body,
                        status=Status.PUBLISHED, publish_at=published,
                        expire_at=published + ANNOUNCEMENT_LIFETIME, created_at=published,
                    )
                )  # fmt: skip
        with transaction.atomic():
            Event.objects.bulk_create(events, batch_size=self.batch)
            Announcement.objects.bulk_create(notices, batch_size=self.batch)

    # -- the download centre ---------------------------------------------------------------------

    def insert_documents(self, agencies, count: int) -> None:
        """Published documents of every kind over the period, all naming one small stored PDF
        (the list and the page read the row, not the file)."""
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        from newsroom.demo_library import pdf_file
        from newsroom.library import Document

        content = pdf_file("Dokumen uji beban", ["Berkas contoh pusat unduhan."])
        name = default_storage.save("documents/bulk/dokumen-uji.pdf", ContentFile(content))
        first = (Document.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        kinds = Document.Kind.values
        documents = []
        for n in range(count):
            agency, writer = self.rng.choice(agencies)
            published = self.random_moment()
            title, lead, _body = self.text.article(agency.name, published.year)
            documents.append(
                Document(
                    agency=agency, author=writer, title=title,
                    slug=f"{slugify(title)[:190]}-{first + n}",
                    kind=self.rng.choice(kinds), year=published.year, description=lead,
                    number=f"Nomor {self.rng.randint(1, 60)} Tahun {published.year}",
                    file=name, file_type="pdf", file_size=len(content),
                    status=Status.PUBLISHED, publish_at=published, created_at=published,
                )
            )  # fmt: skip
        with transaction.atomic():
            Document.objects.bulk_create(documents, batch_size=self.batch)

    # -- PPID requests -------------------------------------------------------------------------

    def insert_requests(self, agencies, count: int) -> None:
        from ppid import deadlines
        from ppid.models import (
            ApplicantType,
            DeliveryMethod,
            ExemptionGround,
            InformationRequest,
            ObtainMethod,
            Outcome,
            RegistrationCounter,
            RequestEvent,
        )
        from ppid.models.requests import hash_tracking_code

        Req = InformationRequest
        counters: dict[tuple[int, int], int] = defaultdict(int)
        for agency_id, year, last in RegistrationCounter.objects.filter(
            register="request"
        ).values_list("agency_id", "year", "last_number"):
            counters[(agency_id, year)] = last
        calendars = {a.pk: deadlines.WorkingCalendar(a.pk) for a, _ in agencies}
        due_cache: dict[tuple[int, object], object] = {}
        salt = secrets.token_hex(16)
        tracking_hash = hash_tracking_code(salt, "BENCH-00000")  # nobody tracks bulk requests
        outcomes = [Outcome.GRANTED] * 6 + [Outcome.PARTIAL, Outcome.EXEMPT, Outcome.NOT_HELD,
                                            Outcome.NOT_DOCUMENTED]  # fmt: skip
        done = 0
        while done < count:
            size = min(self.batch, count - done)
            rows = []
            for _ in range(size):
                agency, _writer = self.rng.choice(agencies)
                received = self.random_moment()
                day = timezone.localdate(received)
                key = (agency.pk, day.year)
                counters[key] += 1
                if (agency.pk, day) not in due_cache:
                    due_cache[(agency.pk, day)] = calendars[agency.pk].add_working_days(
                        day, deadlines.ANSWER_DAYS
                    )
                name, address, info, purpose = self.text.request(agency.name, day.year)
                req = Req(
                    agency=agency, year=day.year, sequence=counters[key],
                    registration_number=f"PPID/{agency.slug.upper()}/{day.year}/{counters[key]:05d}",
                    tracking_salt=salt, tracking_hash=tracking_hash,
                    applicant_type=ApplicantType.PERSON, name=name,
                    nik=f"{self.rng.randint(1100000000000000, 9499999999999999)}",
                    address=address, phone=f"08{self.rng.randint(100000000, 9999999999)}",
                    information_requested=info, purpose=purpose,
                    obtain_method=self.rng.choice(ObtainMethod.values),
                    delivery_method=self.rng.choice(DeliveryMethod.values),
                    channel="online", received_at=received, completed_at=received,
                    due_date=due_cache[(agency.pk, day)],
                )  # fmt: skip
                if received < self.now - timedelta(days=20) or self.rng.random() < 0.3:
                    self.decide(req, received, outcomes, ExemptionGround, Outcome)
                else:
                    req.status = self.rng.choice([Req.Status.RECEIVED, Req.Status.IN_PROCESS])
                rows.append(req)
            with transaction.atomic():
                saved = Req.objects.bulk_create(rows)
                if saved[0].pk is None:
                    numbers = [r.registration_number for r in rows]
                    ids = dict(
                        Req.objects.filter(registration_number__in=numbers).values_list(
                            "registration_number", "pk"
                        )
                    )
                    for req in saved:
                        req.pk = ids[req.registration_number]
                events = []
                for req in saved:
                    events.append(RequestEvent(request_id=req.pk, action="ppid.request.received",
                                               summary="Permohonan diterima (Formulir daring)",
                                               created_at=req.received_at))  # fmt: skip
                    if req.decided_at:
                        events.append(RequestEvent(request_id=req.pk, action="ppid.request.decided",
                                                   summary=f"Diputuskan: {req.outcome}",
                                                   created_at=req.decided_at))  # fmt: skip
                RequestEvent.objects.bulk_create(events, batch_size=self.batch)
            done += size
            self.stdout.write(f"  requests: {done}/{count}")
        for (agency_id, year), last in counters.items():
            RegistrationCounter.objects.update_or_create(
                agency_id=agency_id, year=year, register="request", defaults={"last_number": last}
            )

    def decide(self, req, received, outcomes, ExemptionGround, Outcome) -> None:
        """A decision that would pass ``ppid.services.requests.decide``'s rules."""
        req.status = type(req).Status.DECIDED
        req.outcome = self.rng.choice(outcomes)
        req.decided_at = min(received + timedelta(days=self.rng.randint(1, 16)), self.now)
        req.decision_reasons = "Informasi diberikan sesuai ketentuan UU 14/2008."
        if req.outcome in (Outcome.PARTIAL, Outcome.EXEMPT):
            req.exemption_ground = self.rng.choice(ExemptionGround.values)
            req.consequence_test = "Uji konsekuensi: pembukaan informasi menimbulkan kerugian."
        if req.outcome == Outcome.PARTIAL:
            req.withheld_information = "Data pribadi penerima bantuan."
        if req.outcome == Outcome.NOT_HELD:
            req.holder_of_information = "Badan Pusat Statistik"
        if req.outcome == Outcome.NOT_DOCUMENTED:
            req.documented_by = timezone.localdate(req.decided_at) + timedelta(days=30)
