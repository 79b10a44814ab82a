"""The owner app under /app/. Each area adds its block of paths."""

from django.urls import path

from schedules.web import contacts, deliveries

app_name = "app"

urlpatterns = [
    # --- contacts
    path("contacts/", contacts.ContactListView.as_view(), name="contacts"),
    path("contacts/add/", contacts.ContactCreateView.as_view(), name="contact_add"),
    path("contacts/import/", contacts.ContactImportView.as_view(), name="contact_import"),
    path("contacts/<int:pk>/", contacts.ContactUpdateView.as_view(), name="contact_edit"),
    path("contacts/<int:pk>/delete/", contacts.ContactDeleteView.as_view(), name="contact_delete"),
    # --- messages sent
    path("messages/", deliveries.DeliveryListView.as_view(), name="messages"),
    path("messages/<int:pk>/retry/", deliveries.DeliveryRetryView.as_view(), name="message_retry"),
]
