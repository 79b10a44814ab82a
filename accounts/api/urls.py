from django.urls import path

from accounts.api import views

urlpatterns = [
    path("signup/", views.SignupApi.as_view(), name="api_signup"),
    path("login/", views.LoginApi.as_view(), name="api_login"),
    path("token/refresh/", views.RefreshApi.as_view(), name="api_token_refresh"),
    path("logout/", views.LogoutApi.as_view(), name="api_logout"),
    path("me/", views.MeApi.as_view(), name="api_me"),
]
