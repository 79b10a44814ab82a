from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import views
from schedules.office import office

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("accounts.urls")),
    path("accounts/", include("accounts.api.urls")),
    path("schedules/", include("schedules.api.urls")),
    path("", include("schedules.urls")),
    path("admin/", admin.site.urls),
    path("office/", office.urls),
    path("app/", include("schedules.web.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api_docs"),
]

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
