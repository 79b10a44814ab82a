"""Load demo data so `make run` shows a working site. Safe to run again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.models import User

DEMO_PASSWORD = "rendezvous-demo"


class Command(BaseCommand):
    help = "Create demo accounts and sample data (idempotent)."

    def handle(self, *args, **options):
        admin = self._user("admin", "Ada", "Admin", is_staff=True, is_superuser=True)
        alice = self._user("alice", "Alice", "Liddell", timezone="Europe/London")
        self._user("bob", "Bob", "Builder", timezone="America/New_York")
        self.load_owner_data(alice)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Staff: {admin.username} / {DEMO_PASSWORD} at /admin/; "
                f"owner: {alice.username} / {DEMO_PASSWORD} at /login/."
            )
        )

    def _user(self, username: str, first: str, last: str, **extra) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": first,
                "last_name": last,
                **extra,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user

    def load_owner_data(self, owner: User) -> None:
        """Sample contacts, rounds and booking pages for ``owner``."""
        from schedules.models import Contact

        self.load_booking_data(owner)
        for first, last in [("Jane", "Doe"), ("John", "Smith"), ("Grace", "Hopper")]:
            Contact.objects.get_or_create(
                owner=owner,
                email=f"{first.lower()}.{last.lower()}@example.org",
                defaults={"first_name": first, "last_name": last},
            )
        self.load_sample_round(owner)

    def load_sample_round(self, owner: User) -> None:
        """A 1-on-1 round with three invitees, one of whom (Jane) has answered.

        Made through the services, so the invitation emails really go out
        (printed to the console by default) with each invitee's working link.
        """
        import datetime as dt

        from django.utils import timezone

        from schedules.core.availability import Slot
        from schedules.models import Calendar, Contact
        from schedules.services.calendars import calendar_create
        from schedules.services.responses import response_submit
        from schedules.timeutils import combine, zone

        name = "Project check-ins"
        if Calendar.objects.filter(owner=owner, name=name).exists():
            return
        tz = zone(owner.timezone)
        deadline_day = timezone.localdate(timezone=tz) + dt.timedelta(days=5)
        days = [deadline_day + dt.timedelta(days=n) for n in range(1, 8)]
        day1, day2, day3 = [d for d in days if d.weekday() < 5][:3]

        def at(day: dt.date, hour: int) -> dt.datetime:
            return combine(day, dt.time(hour), tz)

        contacts = Contact.objects.filter(owner=owner).order_by("first_name")
        calendar = calendar_create(
            owner=owner,
            name=name,
            description="Half an hour each to review the quarter. Pick what suits you.",
            deadline=at(deadline_day, 17),
            tz_name=tz.key,
            meeting_duration=30,
            invitee_ids=[c.pk for c in contacts],
            slots=[
                Slot(at(day1, 10), at(day1, 12), 3),
                Slot(at(day2, 14), at(day2, 17), 2),
                Slot(at(day3, 9), at(day3, 11), 1),
            ],
        )
        jane = calendar.invitations.get(contact__first_name="Jane")
        response_submit(
            invitation_id=jane.pk,
            slots=[
                Slot(at(day1, 10), at(day1, 11), 3),
                Slot(at(day2, 15), at(day2, 16), 2),
            ],
        )
        self.stdout.write(
            f"Sample round “{name}” for {owner.username}: invitations sent through the email "
            "backend (the console by default), each with its invitee's link; Jane has answered."
        )

    def load_booking_data(self, owner: User) -> None:
        """Working hours Monday to Friday 09:00-17:00 and a public booking page."""
        import datetime as dt

        from schedules.models import BookingPage, WorkingHours

        if not WorkingHours.objects.filter(owner=owner).exists():
            WorkingHours.objects.bulk_create(
                WorkingHours(owner=owner, weekday=day, start_time=dt.time(9), end_time=dt.time(17))
                for day in range(5)
            )
        BookingPage.objects.get_or_create(
            slug=f"{owner.username}-intro",
            defaults={
                "owner": owner,
                "title": "Introductory call",
                "description": "Thirty minutes to get to know each other.",
                "timezone": owner.timezone,
                "duration": 30,
                "slot_interval": 15,
                "buffer_after": 10,
            },
        )
