"""/schedules/contacts/: list, add, update and delete an owner's contacts (seed 004).

The seed puts all four on one URL, with the contact's id in the body for PATCH
and DELETE, so the viewset's actions are mapped to methods by hand in urls.py.
"""

from __future__ import annotations

from collections.abc import Mapping

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from config import messages
from schedules.api.fields import ContactSerializer, IdField
from schedules.api.schema import NOT_AUTHENTICATED, detail, field_errors
from schedules.selectors.rounds import contact_for_owner, contacts_for_owner
from schedules.services import contacts as services


class ContactUpdateOutputSerializer(ContactSerializer):
    contact_id = serializers.IntegerField(source="pk")

    class Meta(ContactSerializer.Meta):
        fields = ["contact_id", *ContactSerializer.Meta.fields]


class ContactInputSerializer(serializers.Serializer):
    first_Name = serializers.CharField(max_length=150, source="first_name")
    last_Name = serializers.CharField(max_length=150, source="last_name", allow_blank=True)
    email = serializers.EmailField(max_length=254)


class ContactIdInputSerializer(serializers.Serializer):
    contact_id = IdField()


class ContactUpdateInputSerializer(ContactInputSerializer):
    contact_id = IdField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_Name", "last_Name", "email"):
            self.fields[name].required = False

    def to_internal_value(self, data):
        if isinstance(data, Mapping) and not data:
            raise serializers.ValidationError({"non_field_errors": [messages.NO_INPUT]})
        return super().to_internal_value(data)

    def validate(self, attrs: dict) -> dict:
        if set(attrs) == {"contact_id"}:
            raise serializers.ValidationError(messages.NO_INPUT)
        return attrs


class BodyOnDeleteSchema(AutoSchema):
    """Document the DELETE body the seed asks for (OpenAPI allows one)."""

    def _get_request_body(self, direction="request"):
        if self.method != "DELETE":
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"


ERRORS = {
    400: field_errors('Invalid input, e.g. {"email": ["Enter a valid email address."]}'),
    401: NOT_AUTHENTICATED,
}
OWNED = {
    403: detail(f'"{messages.CONTACT_INVALID}": the contact is someone else\'s.'),
    404: detail('"Not found.": no contact has this id.'),
}


class ContactViewSet(viewsets.GenericViewSet):
    schema = BodyOnDeleteSchema()

    def get_queryset(self):
        return contacts_for_owner(owner=self.request.user)

    @extend_schema(
        summary="See all contacts",
        responses={200: ContactSerializer(many=True), 401: NOT_AUTHENTICATED},
    )
    def list(self, request):
        return Response(ContactSerializer(self.get_queryset(), many=True).data)

    @extend_schema(
        summary="Add a contact",
        request=ContactInputSerializer,
        responses={201: ContactSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = ContactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = services.contact_create(owner=request.user, **serializer.validated_data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Update a contact (contact_id in the body)",
        request=ContactUpdateInputSerializer,
        responses={200: ContactUpdateOutputSerializer, **ERRORS, **OWNED},
    )
    def update_contact(self, request):
        serializer = ContactUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        contact = contact_for_owner(owner=request.user, contact_id=changes.pop("contact_id"))
        contact = services.contact_update(contact=contact, changes=changes)
        return Response(ContactUpdateOutputSerializer(contact).data)

    @extend_schema(
        summary="Delete a contact (contact_id in the body)",
        request=ContactIdInputSerializer,
        responses={204: OpenApiResponse(description="Deleted."), **ERRORS, **OWNED},
    )
    def delete_contact(self, request):
        serializer = ContactIdInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = contact_for_owner(
            owner=request.user, contact_id=serializer.validated_data["contact_id"]
        )
        services.contact_delete(contact=contact)
        return Response(status=status.HTTP_204_NO_CONTENT)
