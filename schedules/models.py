"""The data model for all three modes, around one agenda per owner.

- 1-on-1 rounds (seed 004): Contact, Calendar, Invitation, Availability.
- Booking pages (seeds 000-002): WorkingHours, DateOverride, BookingPage.
- Front desk (seed 003): a visit is a Meeting of kind VISIT (check-in = start).
- Everything that occupies an owner's time is a ``Meeting`` row: the agenda.
  A database constraint makes two confirmed meetings of one owner never overlap.

All datetimes are timezone-aware and stored in UTC; wall-clock fields
(``WorkingHours``) are read in the owner's IANA zone.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.timezone import now

from accounts.validators import validate_timezone
from config import messages
from schedules.constraints import AgendaExclusionConstraint, TsTzRange

PREFERENCE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(3)]
# No buffer is longer than this (booking pages allow 240 minutes). It lets the
# overlap queries first narrow by plain ``start``/``end`` comparisons, which use
# the (owner, status, start) index, before the exact test on blocked time.
LONGEST_BUFFER = timedelta(days=1)
WEEKDAYS = list(
    enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
)


class Contact(models.Model):
    """Someone an owner invites to 1-on-1 rounds. Never logs in."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    email = models.EmailField()
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["first_name", "last_name", "id"]
        constraints = [
            models.UniqueConstraint("owner", Lower("email"), name="contact_owner_email_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Calendar(models.Model):
    """A 1-on-1 round: the owner offers slots, each invitee answers, one meeting each."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendars"
    )
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    deadline = models.DateTimeField(help_text="Invitees answer before this moment.")
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    meeting_duration = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text="Minutes per meeting.",
    )
    finalized_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting_duration__gte=5, meeting_duration__lte=24 * 60),
                name="calendar_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def finalized(self) -> bool:
        return self.finalized_at is not None


class Invitation(models.Model):
    """One contact invited to one calendar, reached through a secret link."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    deadline_reminder_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="The automatic reminder 24 hours before the deadline."
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "contact"], name="invitation_calendar_contact_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} → {self.calendar}"

    @property
    def responded(self) -> bool:
        return self.responded_at is not None


class Availability(models.Model):
    """A slot of time with a preference (3 = best): the owner's or one invitee's."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="slots")
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="slots",
        null=True,
        blank=True,
        help_text="Empty for the owner's own slots.",
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    preference = models.PositiveSmallIntegerField(validators=PREFERENCE_VALIDATORS)

    class Meta:
        ordering = ["start", "id"]
        verbose_name_plural = "availabilities"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="slot_end_after_start"),
            models.CheckConstraint(
                condition=Q(preference__gte=1, preference__lte=3), name="slot_preference_1_3"
            ),
        ]
        indexes = [models.Index(fields=["calendar", "invitation", "start"])]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}-{self.end:%H:%M} (pref {self.preference})"


class WorkingHours(models.Model):
    """A weekly range the owner takes bookings in, wall-clock in the owner's zone."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(
        choices=WEEKDAYS, validators=[MaxValueValidator(6)], help_text="Monday = 0 … Sunday = 6."
    )
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="hours_weekday_0_6"),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="hours_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class DateOverride(models.Model):
    """One date with different hours: a day off (no times) or replacement ranges."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="date_overrides"
    )
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True, end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__gt=F("start_time")),
                name="override_day_off_or_range",
            ),
        ]

    def __str__(self) -> str:
        if self.is_day_off:
            return f"{self.date}: day off"
        return f"{self.date}: {self.start_time:%H:%M}-{self.end_time:%H:%M}"

    @property
    def is_day_off(self) -> bool:
        return self.start_time is None


class BookingPage(models.Model):
    """A public link where anyone can book a free time with the owner."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_pages"
    )
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    duration = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(5), MaxValueValidator(12 * 60)]
    )
    slot_interval = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(12 * 60)],
        help_text="Minutes between offered start times; the duration when empty.",
    )
    buffer_before = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(240)])
    buffer_after = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(240)])
    minimum_notice = models.PositiveIntegerField(
        default=60, help_text="Minutes: no bookings closer to now than this."
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=now)

    # What an owner edits of a page, in the API and in the back office alike.
    OWNER_FIELDS = (
        "title",
        "slug",
        "description",
        "timezone",
        "duration",
        "slot_interval",
        "buffer_before",
        "buffer_after",
        "minimum_notice",
        "horizon_days",
        "is_active",
    )

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__gte=5, duration__lte=12 * 60), name="page_duration_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaFeed(models.Model):
    """The secret iCalendar feed URL of an owner's agenda; regenerate to revoke."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"Agenda feed of {self.owner}"


class MeetingQuerySet(models.QuerySet):
    def blocking(self, *, owner_id: int, start, end) -> MeetingQuerySet:
        """Confirmed entries of one owner whose *blocked* time meets [start, end).

        The no-overlap rule of the agenda, as a query: an entry blocks its own
        time widened by its buffers, ranges are half-open. The agenda selector
        (busy time for slots, suggestions and writes) and the model validation
        behind the exclusion constraint both ask this.
        """
        return (
            self.filter(
                owner_id=owner_id,
                status=Meeting.Status.CONFIRMED,
                start__lt=end + LONGEST_BUFFER,
                end__gt=start - LONGEST_BUFFER,
            )
            .alias(
                blocked_from=F("start") - F("buffer_before"),
                blocked_to=F("end") + F("buffer_after"),
            )
            .filter(blocked_from__lt=end, blocked_to__gt=start)
        )


class Meeting(models.Model):
    """One entry on an owner's agenda: a finalized 1-on-1, a booking, or a visit.

    ``kind`` says which mode made it; the fields of the other modes stay empty.
    The attendee's name and email are copied in, so the agenda, its emails and
    its .ics survive a contact being edited or deleted.
    """

    class Kind(models.TextChoices):
        ROUND = "round", "1-on-1 round"
        BOOKING = "booking", "Booking"
        VISIT = "visit", "Front-desk visit"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CONFIRMED)
    start = models.DateTimeField()
    end = models.DateTimeField()
    # Time blocked around the meeting (booking page buffers), not part of it.
    buffer_before = models.DurationField(default=timedelta)
    buffer_after = models.DurationField(default=timedelta)

    calendar = models.ForeignKey(
        Calendar, on_delete=models.CASCADE, related_name="meetings", null=True, blank=True
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, related_name="meetings", null=True, blank=True
    )
    booking_page = models.ForeignKey(
        BookingPage, on_delete=models.SET_NULL, related_name="meetings", null=True, blank=True
    )

    attendee_name = models.CharField(max_length=200)
    attendee_email = models.EmailField()
    attendee_phone = models.CharField(max_length=32, blank=True)
    attendee_timezone = models.CharField(
        max_length=64, default="UTC", validators=[validate_timezone]
    )
    # Hash of the attendee's secret link to cancel/reschedule (or check out).
    manage_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["owner", "status", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="meeting_end_after_start"),
            models.CheckConstraint(
                condition=~Q(kind="round") | Q(calendar__isnull=False),
                name="meeting_round_has_calendar",
            ),
            models.UniqueConstraint(
                fields=["calendar", "contact"],
                condition=Q(status="confirmed", calendar__isnull=False, contact__isnull=False),
                name="meeting_one_per_invitee",
            ),
            AgendaExclusionConstraint(
                name="meeting_no_overlap",
                expressions=[
                    ("owner", RangeOperators.EQUAL),
                    (
                        TsTzRange("start", "end", RangeBoundary(inclusive_lower=True)),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(status="confirmed"),
                violation_error_message=messages.OVERLAPS_AGENDA,
            ),
        ]

    # What an owner sees of an entry, in the API and in the back office alike.
    OWNER_FIELDS = (
        "kind",
        "status",
        "start",
        "end",
        "buffer_before",
        "buffer_after",
        "booking_page",
        "calendar",
        "attendee_name",
        "attendee_email",
        "attendee_phone",
        "attendee_timezone",
        "sequence",
        "cancelled_at",
        "cancel_reason",
        "created_at",
    )

    def __str__(self) -> str:
        return f"{self.attendee_name} {self.start:%Y-%m-%d %H:%M}"

    @property
    def title(self) -> str:
        if self.calendar_id:
            return self.calendar.name
        if self.booking_page_id:
            return self.booking_page.title
        return self.get_kind_display()

    @property
    def blocked_start(self):
        return self.start - self.buffer_before

    @property
    def blocked_end(self):
        return self.end + self.buffer_after


class Delivery(models.Model):
    """One email or text message on its way out: rendered in the request, sent by a worker.

    The request only stores this row; after commit a task carrying its primary key
    sends it, retrying with backoff. Once sent, ``payload`` (which holds live links
    with secret tokens) is emptied; a message that finally fails keeps it, so staff can
    send it again, and its owner sees the failure.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    kind = models.CharField(max_length=64, help_text="Which message, e.g. round_invitation.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        null=True,
        blank=True,
        help_text="On whose behalf it is sent: their quota, and who is told if it fails.",
    )
    recipient = models.CharField(max_length=320)
    subject = models.CharField(max_length=300, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(fields=["owner", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.kind} to {self.recipient}"
