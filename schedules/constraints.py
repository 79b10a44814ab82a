"""The database guarantee that one owner's agenda never double-books.

On PostgreSQL this is a real ``EXCLUDE USING gist`` constraint over
``tstzrange(start, end, '[)')``: the database refuses a second confirmed entry
whose half-open range overlaps the first, whatever the application does. SQLite
has no such constraint; there every write transaction is ``BEGIN IMMEDIATE``
(one writer at a time) and the agenda services re-check for overlaps inside it.
"""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class AgendaExclusionConstraint(ExclusionConstraint):
    """An ExclusionConstraint that is created on PostgreSQL and skipped elsewhere."""

    def _applies(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if self._applies(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if self._applies(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        """Model validation (forms) with the agenda's own rule: blocked time, buffers included.

        The database constraint itself covers the meetings' own ranges; the
        agenda service and this check also keep buffers apart, through the one
        query that defines blocking (``MeetingQuerySet.blocking``).
        """
        if exclude and {"owner", "start", "end", "status"} & set(exclude):
            return
        if instance.status != model.Status.CONFIRMED or not (instance.start and instance.end):
            return
        clashes = model._default_manager.using(using).blocking(
            owner_id=instance.owner_id, start=instance.blocked_start, end=instance.blocked_end
        )
        if instance.pk is not None:
            clashes = clashes.exclude(pk=instance.pk)
        if clashes.exists():
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )
