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
