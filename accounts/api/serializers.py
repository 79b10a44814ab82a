from __future__ import annotations

from rest_framework import serializers

from accounts import services
from accounts.models import User
from config import messages


class SignupInputSerializer(serializers.Serializer):
    email = serializers.EmailField(error_messages={"invalid": messages.INVALID_EMAIL})
    username = serializers.RegexField(
        r"^[\w.@+-]+\Z", max_length=150, error_messages={"invalid": messages.USERNAME_INVALID}
    )
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    password = serializers.CharField(write_only=True, trim_whitespace=False, max_length=4096)
    password2 = serializers.CharField(write_only=True, trim_whitespace=False, max_length=4096)

    def validate(self, attrs: dict) -> dict:
        if problems := services.user_signup_check(**attrs):
            raise serializers.ValidationError(problems)
        return attrs


class UserOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name"]


class LogoutInputSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class MessageSerializer(serializers.Serializer):
    detail = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    """The signed-in owner; name and time zone are editable."""

    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "timezone"]
        read_only_fields = ["id", "username", "email"]
