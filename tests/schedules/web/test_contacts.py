"""The owner app's contacts: list with search, add, edit, delete asked once, CSV import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from model_bakery import baker

from schedules.models import Contact

pytestmark = pytest.mark.django_db


def add(owner, first="Jane", last="Doe", email=None) -> Contact:
    email = email or f"{first.lower()}@example.org"
    return baker.make(Contact, owner=owner, first_name=first, last_name=last, email=email)


def test_it_asks_anonymous_visitors_to_log_in(web):
    r = web.get("/app/contacts/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_it_lists_only_the_owners_contacts_and_searches_names_and_emails(alice_web, alice, bob):
    add(alice, "Jane", "Doe"), add(alice, "John", "Smith", "js@work.example"), add(bob, "Bea")
    html = alice_web.get("/app/contacts/").content.decode()
    assert "Jane Doe" in html and "John Smith" in html and "Bea" not in html
    html = alice_web.get("/app/contacts/?q=work").content.decode()
    assert "John Smith" in html and "Jane Doe" not in html
    assert "No contact matches" in alice_web.get("/app/contacts/?q=zzz").content.decode()


def test_it_adds_a_contact_and_refuses_a_duplicate_email_next_to_the_field(alice_web, alice):
    r = alice_web.post("/app/contacts/add/", {"first_name": "Jane", "email": "jane@example.org"})
    assert r.status_code == 302
    assert Contact.objects.get(owner=alice).full_name == "Jane"
    r = alice_web.post("/app/contacts/add/", {"first_name": "J", "email": "JANE@example.org"})
    assert r.status_code == 200
    assert "A contact with this email already exists." in r.content.decode()
    assert 'id="id_email_error"' in r.content.decode()


def test_it_says_what_is_wrong_with_an_email_in_the_seeds_words(alice_web):
    r = alice_web.post("/app/contacts/add/", {"first_name": "Jane", "email": "not-an-email"})
    assert "Invalid email address" in r.content.decode()


def test_it_edits_a_contact_and_another_owners_is_not_found(alice_web, alice, bob):
    jane, bea = add(alice), add(bob, "Bea")
    r = alice_web.post(f"/app/contacts/{jane.pk}/", {"first_name": "Janet", "email": jane.email})
    assert r.status_code == 302
    jane.refresh_from_db()
    assert jane.first_name == "Janet"
    assert alice_web.get(f"/app/contacts/{bea.pk}/").status_code == 404
    assert alice_web.post(f"/app/contacts/{bea.pk}/delete/").status_code == 404


def test_deleting_asks_once_then_deletes(alice_web, alice):
    jane = add(alice)
    r = alice_web.get(f"/app/contacts/{jane.pk}/delete/")
    assert "Delete Jane Doe?" in r.content.decode()
    assert Contact.objects.filter(pk=jane.pk).exists()
    r = alice_web.post(f"/app/contacts/{jane.pk}/delete/", follow=True)
    assert "Jane Doe is no longer in your contacts." in r.content.decode()
    assert not Contact.objects.filter(pk=jane.pk).exists()


def test_it_imports_a_csv_and_says_which_rows_it_left_out(alice_web, alice):
    add(alice, "Jane", "Doe", "jane@example.org")
    csv = (
        b"First name,Last name,Email\n"
        b"Ann,Lee,ann@example.org\n"
        b"Jane,Doe,jane@example.org\n"
        b"Bad,Row,nope\n"
        b"Ann,Again,ANN@example.org\n"
        b",Nameless,nn@example.org\n"
    )
    r = alice_web.post(
        "/app/contacts/import/", {"file": SimpleUploadedFile("c.csv", csv, "text/csv")}
    )
    html = r.content.decode()
    assert "Imported 1 contacts; 4 rows were left out." in html
    assert "Line 3: jane@example.org is already in your contacts." in html
    assert "Line 4: “nope” is not an email address." in html
    assert "Line 5: ANN@example.org is already in your contacts." in html
    assert "Line 6: a contact needs a first name." in html
    assert sorted(Contact.objects.filter(owner=alice).values_list("email", flat=True)) == [
        "ann@example.org",
        "jane@example.org",
    ]


def test_a_file_that_is_not_a_csv_of_contacts_is_refused_with_a_sentence(alice_web):
    r = alice_web.post(
        "/app/contacts/import/",
        {"file": SimpleUploadedFile("c.csv", b"\xff\xfe\x00garbage", "text/csv")},
    )
    assert "That file is not a CSV" in r.content.decode()


def test_the_list_stays_at_a_fixed_number_of_queries(
    alice_web, alice, django_assert_max_num_queries
):
    for n in range(60):
        add(alice, f"P{n}", "X", f"p{n}@example.org")
    with django_assert_max_num_queries(6):
        assert alice_web.get("/app/contacts/?page=2").status_code == 200
