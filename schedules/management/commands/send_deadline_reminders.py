"""Remind, once, invitees who have not answered a round whose deadline is within 24 hours.

Run it from cron (e.g. every 15 minutes) or a task worker's schedule; running
it more often or from several machines never sends a reminder twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from schedules.services.invitations import deadline_reminders_send


class Command(BaseCommand):
    help = "Email non-responders of rounds whose deadline is less than 24 hours away (once)."

    def handle(self, *args, **options):
        sent = deadline_reminders_send()
        self.stdout.write(f"Sent {sent} deadline reminder{'' if sent == 1 else 's'}.")
