"""Moderation that keeps its reasons, its place and its language, as a French-speaking moderator works.

The reason of a decision is written for the endorser, in their language, and stays in the endorsement's history;
every action comes back to the listing as it was left; the export reads like the listing; erasing is set apart.
"""

import csv
import io
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from campaign.endorsements.models import Endorsement

from ..factories import make_endorsement

pytestmark = pytest.mark.django_db
LISTING = "/admin/snippets/campaign/endorsement/"
BULK = "/admin/bulk/campaign/endorsement/"
SPANISH_UNVERIFIED = "No hemos podido verificar que la persona firmante"
FRENCH_UNVERIFIED = "Nous n'avons pas pu vérifier que la personne signataire"


@pytest.fixture
def decide(french_admin, django_capture_on_commit_callbacks):
    """Posts a decision's form as the moderator submits it, emails sent as on commit."""

    def run(action: str, endorsements, next_url: str | None = None, **form):
        query = [("id", endorsement.pk) for endorsement in endorsements]
        query += [("next", next_url)] if next_url is not None else []
        with django_capture_on_commit_callbacks(execute=True):
            return french_admin.post(f"{BULK}{action}/?{urlencode(query)}", form)

    return run


def page_text(response) -> str:
    return soup(response).get_text(" ", strip=True)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_reason_shows_in_the_history_and_on_the_endorsement_page(french_admin, decide):
    endorsement = make_endorsement("Lille")
    decide("reject_endorsement", [endorsement], reason="Aucune délibération du conseil municipal.")
    history = page_text(french_admin.get(f"{LISTING}history/{endorsement.pk}/"))
    assert "Rejetée, avec le motif : « Aucune délibération du conseil municipal. »" in history
    inspect = page_text(french_admin.get(f"{LISTING}inspect/{endorsement.pk}/"))
    assert "Motif indiqué Aucune délibération du conseil municipal." in inspect
    assert "Statut Rejetée" in inspect and "Région de CGLU Europe" in inspect
    assert "Consent à la publication Oui" in inspect and "Latitude —" in inspect
    assert not {"None", "False", "True", "europe"} & set(inspect.split())


def test_a_decision_without_reason_keeps_its_plain_history_line(french_admin, decide):
    endorsement = make_endorsement("Lille")
    decide("approve_endorsement", [endorsement], reason="")
    history = page_text(french_admin.get(f"{LISTING}history/{endorsement.pk}/"))
    assert "Approuvée" in history and "motif" not in history


def test_the_reason_form_names_the_emails_language_and_offers_ready_reasons_in_it(french_admin):
    """A French moderator rejecting a Spanish endorsement is told the email is in Spanish, and the ready-made
    reasons are shown (and filled in) in Spanish, their titles in French."""
    endorsement = make_endorsement("Sevilla", country="ES", language="es")
    response = french_admin.get(f"{BULK}reject_endorsement/?id={endorsement.pk}")
    text = page_text(response)
    assert "langue de l'e-mail : Espagnol" in text
    assert "Rédigez-le dans sa langue : Espagnol" in text
    assert "Impossible de vérifier la personne signataire" in text and SPANISH_UNVERIFIED in text
    choice = soup(response).find("input", value="signatory_unverified")
    assert choice["data-reason-text"].startswith(SPANISH_UNVERIFIED)
    assert 'src="/static/campaign/admin/endorsement-reasons.js"' in response.content.decode()


def test_an_endorsement_left_as_it_is_or_erased_gets_no_email_and_the_form_says_so(french_admin):
    approved = make_endorsement("Sevilla", status="approved", language="es")
    erased = make_endorsement("Lyon", email="")
    text = page_text(french_admin.get(f"{BULK}reject_endorsement/?id={approved.pk}&id={erased.pk}"))
    assert "laissée telle quelle" in text and "pas d'e-mail : l'adresse a été effacée" in text
    assert "Conservé dans l'historique de l'adhésion ; aucun e-mail n'est envoyé." in text


def test_several_languages_are_named_and_a_ready_reason_goes_in_each_one(decide, french_admin):
    """Without JavaScript a chosen ready-made reason is sent as it is: to each endorser in their language."""
    sevilla = make_endorsement("Sevilla", country="ES", language="es")
    lyon = make_endorsement("Lyon", language="fr")
    form = page_text(french_admin.get(f"{BULK}reject_endorsement/?id={sevilla.pk}&id={lyon.pk}"))
    assert "dans sa propre langue (Espagnol, Français)" in form
    decide("reject_endorsement", [sevilla, lyon], reason="", ready_reason="signatory_unverified")
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert SPANISH_UNVERIFIED in bodies["sevilla@example.org"]
    assert FRENCH_UNVERIFIED in bodies["lyon@example.org"]
    sevilla.refresh_from_db()
    assert sevilla.review_reason.startswith(SPANISH_UNVERIFIED)
    entry = ModelLogEntry.objects.get(object_id=str(lyon.pk), action="campaign.endorsement.reject")
    assert entry.data["reason"].startswith(FRENCH_UNVERIFIED)


def test_the_moderators_own_words_win_over_a_ready_reason(decide):
    sevilla = make_endorsement("Sevilla", language="es")
    decide("reject_endorsement", [sevilla], reason="Texto propio.", ready_reason="duplicate")
    [message] = mail.outbox
    assert "Texto propio." in message.body and "Su institución" not in message.body


def test_an_unknown_ready_reason_is_refused_with_a_clear_error(decide):
    sevilla = make_endorsement("Sevilla", language="es")
    response = decide("reject_endorsement", [sevilla], reason="", ready_reason="<script>")
    assert response.status_code == 200 and "Sélectionnez un choix valide" in page_text(response)
    assert Endorsement.objects.get().status == "pending_review"


def row_links(response) -> dict[str, str]:
    """The row actions' links by label, as a moderator would click them."""
    links = soup(response).select("tbody a[href*='/admin/bulk/']")
    return {link.get_text(" ", strip=True): link["href"] for link in links}


def test_every_row_action_comes_back_to_the_listing_as_it_was(french_admin, decide):
    endorsement = make_endorsement("Lyon")
    make_endorsement("Nantes")
    listing = f"{LISTING}?status=pending_review&q=lyon&ordering=-submitted_at"
    for url in (listing, listing.replace("?", "results/?") + "&kind=&country=&_w_filter_fragment=1"):
        links = row_links(french_admin.get(url))
        assert {"Approuver", "Rejeter", "Effacer les données personnelles"} <= set(links), url
        for href in links.values():
            [next_url] = parse_qs(urlsplit(href).query)["next"]
            assert next_url == listing, (url, href)
    response = decide("approve_endorsement", [endorsement], next_url=listing, reason="")
    assert response.status_code == 302 and response["Location"] == listing
    assert Endorsement.objects.get(pk=endorsement.pk).status == "approved"


@pytest.mark.parametrize("next_url", [None, "https://evil.example/admin/"])
def test_without_a_safe_way_back_an_action_returns_to_the_whole_listing(decide, next_url):
    endorsement = make_endorsement("Lyon")
    response = decide("approve_endorsement", [endorsement], next_url=next_url, reason="")
    assert response.status_code == 302 and response["Location"] == LISTING


def test_go_back_returns_to_the_listing_as_it_was(french_admin):
    endorsement = make_endorsement("Lyon")
    listing = f"{LISTING}?status=pending_review"
    [link] = [href for label, href in row_links(french_admin.get(listing)).items() if label == "Rejeter"]
    form = soup(french_admin.get(link))
    assert form.find("a", string=lambda text: text and text.strip() == "Non, revenir en arrière")["href"] == listing
    assert f"id={endorsement.pk}" in form.find("form")["action"]


def test_erasing_is_set_apart_and_its_confirmation_names_the_institution(french_admin, decide):
    endorsement = make_endorsement("Lyon")
    listing = soup(french_admin.get(LISTING))
    approve = listing.find("a", string=lambda text: text and text.strip() == "Approuver")
    assert "button" in approve["class"]
    erase = listing.find("a", href=lambda href: href and "erase_endorsement_personal_data" in href)
    assert erase.find_parent(attrs={"data-controller": "w-dropdown"}), "in the row's “More” menu, apart"
    assert "w-text-critical-200" in erase["class"] and "button" not in erase["class"]
    confirmation = soup(french_admin.get(erase["href"]))
    button = confirmation.find("button", type="submit")
    assert button.get_text(strip=True) == "Oui, effacer les données personnelles de Lyon (FR)"
    assert "serious" in button["class"], "red, as Wagtail's own deletions"
    assert "Lyon (FR)" in confirmation.find(class_="help-critical").get_text()
    decide("erase_endorsement_personal_data", [endorsement])
    assert Endorsement.objects.get().email == ""


EXPECTED_HEADINGS = ["Référence", "Institution", "Type", "Pays", "Région de CGLU"]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def exported_endorsement() -> Endorsement:
    endorsement = make_endorsement("Lyon", consent_contact=False, language="es")
    Endorsement.objects.filter(pk=endorsement.pk).update(
        submitted_at=datetime(2026, 3, 1, 12, 0, 5, 123456, tzinfo=UTC)
    )
    return endorsement


def test_the_csv_export_reads_like_the_listing_in_the_moderators_language(french_admin, settings):
    """Headings and values in French (choices, country, region, booleans), times in the site's time zone to the
    second: no `pending_review`, `city`, `True` or microseconds."""
    settings.TIME_ZONE = "Europe/Paris"
    exported_endorsement()
    heading, row = csv_rows(french_admin.get(LISTING, {"export": "csv"}))
    record = dict(zip(heading, row, strict=True))
    assert heading[: len(EXPECTED_HEADINGS)] == EXPECTED_HEADINGS
    assert record["Type"] == "Ville ou gouvernement local"
    assert record["Statut"] == "En attente de validation"
    assert record["Pays"] == "France" and record["Région de CGLU"] == "Europe"
    assert record["Langue préférée"] == "Español"
    assert record["Consent à la publication"] == "Oui"
    assert record["Consent à recevoir les nouvelles de la campagne"] == "Non"
    assert record["Date d'envoi"] == "2026-03-01 13:00:05"
    assert record["Date d'approbation"] == ""
    raw = {"pending_review", "city", "True", "False", "europe", "es", "FR"}
    assert not raw & set(row)


def test_the_xlsx_export_has_the_same_localized_columns_and_real_times(french_admin, settings):
    settings.TIME_ZONE = "Europe/Paris"
    exported_endorsement()
    response = french_admin.get(LISTING, {"export": "xlsx"})
    heading, row = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values
    record = dict(zip(heading, row, strict=True))
    assert list(heading[: len(EXPECTED_HEADINGS)]) == EXPECTED_HEADINGS
    assert (record["Statut"], record["Consent à la publication"]) == ("En attente de validation", "Oui")
    assert record["Date d'envoi"] == datetime(2026, 3, 1, 13, 0, 5)


def test_the_export_follows_each_moderators_language(admin_in):
    spanish_admin = admin_in("es")
    exported_endorsement()
    heading, row = csv_rows(spanish_admin.get(LISTING, {"export": "csv"}))
    record = dict(zip(heading, row, strict=True))
    assert record["Estado"] == "Pendiente de revisión" and record["País"] == "Francia"


FORMULAS = ['=HYPERLINK("https://evil.example/","Lyon")', "+SUM(1,1)", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def test_no_xlsx_cell_can_turn_into_a_formula(editor_client):
    """Each cell that starts like a formula is a text cell marked "quote prefix", kept exactly as typed."""
    fields = ["institution_name", "signatory_name", "signatory_title", "email", "phone", "statement"]
    make_endorsement("x", **dict(zip(fields, FORMULAS, strict=True)))
    response = editor_client.get(LISTING, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    # XML reads a carriage return back as a line feed, as a spreadsheet program does.
    expected = [value.replace("\r", "\n") for value in FORMULAS]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value in expected]
    assert sorted(cell.value for cell in cells) == sorted(expected)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
