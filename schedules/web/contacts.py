"""Contacts: the people an owner invites to 1-on-1 rounds. List with search, add, edit,
delete (asked once), import from CSV."""

from __future__ import annotations

import csv
import io

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from config import messages
from config.errors import ApplicationError
from schedules.selectors.rounds import contact_owned, contacts_for_owner
from schedules.services import contacts as services
from schedules.web.mixins import OwnerView, done, owned_or_404, refuse_on

MAX_IMPORT_ROWS = 1000
MAX_IMPORT_BYTES = 512 * 1024
PER_PAGE = 50


class ContactForm(forms.Form):
    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name", required=False)
    email = forms.EmailField(max_length=254, error_messages={"invalid": messages.INVALID_EMAIL})


class ContactListView(OwnerView, TemplateView):
    nav, title = "contacts", "Contacts"
    template_name = "app/contacts/list.html"

    def get_context_data(self, **kwargs):
        search = self.request.GET.get("q", "").strip()[:100]
        contacts = contacts_for_owner(owner=self.owner, search=search)
        page = Paginator(contacts, PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(**kwargs) | {"page": page, "search": search}


class ContactCreateView(OwnerView, FormView):
    nav, title = "contacts", "Add a contact"
    template_name = "app/generic/form.html"
    form_class = ContactForm

    def form_valid(self, form):
        try:
            contact = services.contact_create(owner=self.owner, **form.cleaned_data)
        except ApplicationError as exc:
            refuse_on(form, exc)
            return self.form_invalid(form)
        done(self.request, messages.CONTACT_ADDED.format(name=contact.full_name))
        return redirect("app:contacts")

    def get_context_data(self, **kwargs):
        context = {"cancel_url": reverse("app:contacts"), "submit_label": "Add contact"}
        return super().get_context_data(**kwargs) | context


class ContactMixin(OwnerView):
    def get_contact(self):
        return owned_or_404(contact_owned, owner=self.owner, contact_id=self.kwargs["pk"])


class ContactUpdateView(ContactMixin, FormView):
    nav, title = "contacts", "Edit contact"
    template_name = "app/contacts/form.html"
    form_class = ContactForm

    def get_initial(self):
        contact = self.get_contact()
        return {"first_name": contact.first_name, "last_name": contact.last_name} | {
            "email": contact.email
        }

    def form_valid(self, form):
        contact = self.get_contact()
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            contact = services.contact_update(contact=contact, changes=changes)
        except ApplicationError as exc:
            refuse_on(form, exc)
            return self.form_invalid(form)
        done(self.request, messages.CONTACT_SAVED.format(name=contact.full_name))
        return redirect("app:contacts")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "contact": self.get_contact(),
            "cancel_url": reverse("app:contacts"),
        }


class ContactDeleteView(ContactMixin, TemplateView):
    """GET asks once (a page, so it works without JavaScript); POST deletes."""

    nav, title = "contacts", "Delete contact"
    template_name = "app/generic/confirm_delete.html"

    def get_context_data(self, **kwargs):
        contact = self.get_contact()
        return super().get_context_data(**kwargs) | {
            "question": messages.CONTACT_DELETE_ASK.format(name=contact.full_name),
            "cancel_url": reverse("app:contact_edit", args=[contact.pk]),
        }

    def post(self, request, *args, **kwargs):
        contact = self.get_contact()
        services.contact_delete(contact=contact)
        done(request, messages.CONTACT_DELETED.format(name=contact.full_name))
        return redirect("app:contacts")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: first name, last name, email (a header row is fine).",
    )

    def clean_file(self) -> list[tuple[int, str, str, str]]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(self._too_big())
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(messages.IMPORT_NOT_CSV) from exc
        rows = []
        for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if line == 1 and "@" not in "".join(cells):
                continue  # a header row
            if len(cells) < 3:
                raise forms.ValidationError(messages.IMPORT_NOT_CSV)
            rows.append((line, cells[0], cells[1], cells[2]))
        if not rows:
            raise forms.ValidationError(messages.IMPORT_NOT_CSV)
        if len(rows) > MAX_IMPORT_ROWS:
            raise forms.ValidationError(self._too_big())
        return rows

    @staticmethod
    def _too_big() -> str:
        return messages.IMPORT_TOO_BIG.format(rows=MAX_IMPORT_ROWS, size=MAX_IMPORT_BYTES // 1024)


class ContactImportView(OwnerView, FormView):
    nav, title = "contacts", "Import contacts"
    template_name = "app/contacts/import.html"
    form_class = ImportForm
    extra_context = {"submit_label": "Import"}

    def form_valid(self, form):
        result = services.contacts_import(owner=self.owner, rows=form.cleaned_data["file"])
        text = messages.IMPORT_DONE.format(created=len(result.created), skipped=len(result.skipped))
        done(self.request, text)
        return self.render_to_response(
            self.get_context_data(form=ImportForm(), skipped=result.skipped)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"cancel_url": reverse("app:contacts")}
