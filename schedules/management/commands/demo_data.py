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

        for first, last in [("Jane", "Doe"), ("John", "Smith"), ("Grace", "Hopper")]:
            Contact.objects.get_or_create(
                owner=owner,
                email=f"{first.lower()}.{last.lower()}@example.org",
                defaults={"first_name": first, "last_name": last},
            )
