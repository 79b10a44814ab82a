"""/schedules/appointments/: everything on the owner's agenda, and cancelling a booking."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from config import messages
from schedules.api.fields import DayField, MinutesField, NoteField, ZonedDateTimeField
from schedules.models import Meeting
from schedules.selectors.agenda import agenda_list
from schedules.selectors.booking import local_days
from schedules.services.bookings import booking_cancel
from schedules.timeutils import zone


class AgendaFilterSerializer(serializers.Serializer):
    start = DayField(required=False, help_text="First day (in the owner's zone).")
    end = DayField(required=False, help_text="Last day, inclusive.")
    status = serializers.ChoiceField(choices=Meeting.Status.choices, required=False)
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices, required=False)
    when = serializers.ChoiceField(
        choices=["upcoming", "past"],
        required=False,
        help_text="upcoming: not over yet, soonest first; past: over, latest first.",
    )

    def validate(self, attrs: dict) -> dict:
        if attrs.get("start") and attrs.get("end") and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": [messages.SLOTS_END_BEFORE_START]})
        return attrs


class AppointmentSerializer(serializers.ModelSerializer):
    start = ZonedDateTimeField()
    end = ZonedDateTimeField()
    title = serializers.CharField()
    buffer_before = MinutesField(help_text="Minutes kept free before.")
    buffer_after = MinutesField(help_text="Minutes kept free after.")

    class Meta:
        model = Meeting
        fields = ["id", "title", *Meeting.OWNER_FIELDS]
        read_only_fields = fields


class OwnerCancelSerializer(serializers.Serializer):
    reason = NoteField(help_text="Told to the attendee in the cancellation email.")


class AppointmentCancelledSerializer(serializers.Serializer):
    detail = serializers.CharField()
    appointment = AppointmentSerializer()


class AgendaPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class AppointmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Everything on the owner's agenda (bookings, finalized rounds, visits), upcoming and past."""

    serializer_class = AppointmentSerializer
    pagination_class = AgendaPagination
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        owner = self.request.user
        if self.action != "list":
            return agenda_list(owner=owner, now=timezone.now())
        filters = AgendaFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        first, last = data.get("start"), data.get("end")
        return agenda_list(
            owner=owner,
            start=local_days(first, first, owner.timezone)[0] if first else None,
            end=local_days(last, last, owner.timezone)[1] if last else None,
            status=data.get("status"),
            kind=data.get("kind"),
            when=data.get("when"),
            now=timezone.now(),
        )

    def get_serializer_context(self):
        return super().get_serializer_context() | {"tz": zone(self.request.user.timezone)}

    @extend_schema(parameters=[AgendaFilterSerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=OwnerCancelSerializer, responses={200: AppointmentCancelledSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a booking; the attendee is emailed the reason and a METHOD:CANCEL invite."""
        meeting = self.get_object()
        serializer = OwnerCancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = booking_cancel(
            meeting=meeting, reason=serializer.validated_data.get("reason", ""), by_owner=True
        )
        result = {"detail": messages.CANCELED, "appointment": meeting}
        context = self.get_serializer_context()
        return Response(AppointmentCancelledSerializer(result, context=context).data)
