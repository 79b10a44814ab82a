from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts import services
from accounts.api.serializers import (
    LogoutInputSerializer,
    MeSerializer,
    MessageSerializer,
    SignupInputSerializer,
    UserOutputSerializer,
)
from config import messages
from config.throttling import ScopedRateThrottle, login_locked


class SignupApi(APIView):
    """Create an account; it can log in once the emailed link is confirmed."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signup"

    @extend_schema(request=SignupInputSerializer, responses={201: UserOutputSerializer})
    def post(self, request):
        serializer = SignupInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = services.user_signup(
            username=data["username"],
            email=data["email"],
            password=data["password"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
        )
        return Response(UserOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class LoginApi(TokenObtainPairView):
    """Exchange username (or email) and password for a refresh and an access token.

    After five failures for one account from one address (or from one address at all)
    django-axes locks them out for a while: 429 with the minutes to wait.
    """

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    def finalize_response(self, request, response, *args, **kwargs):
        # simplejwt authenticates with DRF's request, where axes marks the lockout.
        if getattr(request, "axes_locked_out", False):
            response = login_locked(request)
        return super().finalize_response(request, response, *args, **kwargs)


class RefreshApi(TokenRefreshView):
    """Exchange a refresh token for a new access token (and a rotated refresh token)."""


class LogoutApi(APIView):
    """Blacklist the refresh token; it is refused from then on."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=LogoutInputSerializer, responses={200: MessageSerializer})
    def post(self, request):
        serializer = LogoutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.user_logout(refresh=serializer.validated_data["refresh"])
        return Response({"detail": messages.LOGGED_OUT})


class MeApi(generics.RetrieveUpdateAPIView):
    """The signed-in owner: GET to read, PATCH to change name or IANA time zone."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user
