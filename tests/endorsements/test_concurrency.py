"""Simultaneous submissions against the real PostgreSQL database (threads, each with its own connection).

SQLite serialises every write, so only PostgreSQL shows whether the duplicate rule (one confirmed endorsement
per institution) holds under concurrency; CI runs this module on PostgreSQL (DATABASE_URL), and it is skipped on
SQLite.

The threads commit on their own connections, outside the test's transaction; what they wrote is read back and
deleted from other threads too, so the content loaded for the whole session stays as it was.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import RequestFactory

from campaign.endorsements import public
from campaign.endorsements.models import Endorsement
from campaign.endorsements.moderation import Confirmed, confirm
from campaign.endorsements.submission import Received, submit
from campaign.endorsements.tokens import expiry, new_token, token_hash
from campaign.models import EndorsePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers"),
]


def submission(index: int, institution: str, consent_version: str) -> dict:
    return {
        "institution_name": institution,
        "kind": "city",
        "country": "FR",
        "signatory_name": f"Signer {index}",
        "signatory_title": "Mayor",
        "email": f"signer{index}@example.org",
        "language": "fr",
        "consent_publication": True,
        "consent_contact": False,
        "consent_version": consent_version,
    }


def submit_all(payloads: list[dict], connections_at_once: int = 50) -> list:
    """All payloads submitted by `connections_at_once` threads released together (PostgreSQL here accepts 100
    connections, like a production pool: 200 submissions therefore share 50 connections, four each)."""
    workers = min(len(payloads), connections_at_once)
    barrier = threading.Barrier(workers)
    results: list = [None] * len(payloads)

    def worker(first: int) -> None:
        barrier.wait()
        try:
            for index in range(first, len(payloads), workers):
                request = RequestFactory().post("/graphql/", REMOTE_ADDR=f"10.0.{index // 250}.{index % 250}")
                results[index] = submit(payloads[index], request)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(first,)) for first in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def in_own_connection(query):
    """Runs `query` in another thread, so it sees (and commits) outside this test's transaction."""
    result = []

    def worker():
        try:
            result.append(query())
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    return result[0]


@pytest.fixture
def consent_version():
    version = EndorsePage.objects.live().first().consent_version
    yield version
    in_own_connection(lambda: Endorsement.objects.filter(signatory_name__startswith="Signer ").delete())


def committed(**filters) -> int:
    return in_own_connection(lambda: Endorsement.objects.filter(**filters).count())


def run_at_once(calls: list) -> list:
    """Each call in its own thread and connection, all released together; their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index: int) -> None:
        barrier.wait()
        try:
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_simultaneous_submissions_for_one_institution_all_wait_for_confirmation(consent_version, settings):
    settings.ENDORSEMENT_RATE_PER_IP = "1000/h"
    results = submit_all([submission(i, "Ville de Grenoble", consent_version) for i in range(50)])
    assert all(isinstance(result, Received) for result in results), "an unconfirmed submission blocks nobody"
    assert committed(name_key="ville de grenoble", status="unconfirmed") == 50


def test_of_fifty_simultaneous_confirmations_for_one_institution_one_wins(consent_version):
    tokens = [new_token() for _ in range(50)]

    def create_all():
        for index, token in enumerate(tokens):
            fields = submission(index, "Ville de Grenoble", consent_version)
            Endorsement.objects.create(**fields, token_hash=token_hash(token), token_expires_at=expiry())

    in_own_connection(create_all)
    results = run_at_once([lambda token=token: confirm(token) for token in tokens])
    assert len([result for result in results if isinstance(result, Confirmed)]) == 1
    assert {result.code for result in results if not isinstance(result, Confirmed)} == {"DUPLICATE"}
    assert committed(name_key="ville de grenoble", status="pending_review") == 1


def test_two_hundred_simultaneous_submissions_for_different_institutions_create_two_hundred(consent_version, settings):
    settings.ENDORSEMENT_RATE_PER_IP = "1000/h"
    results = submit_all([submission(i, f"Commune numéro {i}", consent_version) for i in range(200)])
    assert all(isinstance(result, Received) for result in results)
    assert committed(name_key__startswith="commune numero") == 200


def test_two_moderators_approving_at_once_are_both_counted(consent_version):
    """The first approval holds its transaction open after counting; the second counts meanwhile. Without the tally
    row locked before counting, the second would count without the first (not yet committed) and store that."""
    waiting = [submission(index, f"Commune {index}", consent_version) for index in (1, 2)]
    first, second = in_own_connection(
        lambda: [Endorsement.objects.create(**fields, status="pending_review") for fields in waiting]
    )
    in_own_connection(public.recount)  # the row exists: creating it would make the second wait for the first anyway
    counted = threading.Event()

    def approve(endorsement, *, hold: bool) -> None:
        with transaction.atomic():
            endorsement.status = "approved"
            endorsement.save()
            if hold:
                counted.set()
                time.sleep(0.5)

    def approve_second():
        assert counted.wait(timeout=30), "the first approval never counted"
        approve(second, hold=False)

    run_at_once([lambda: approve(first, hold=True), approve_second])
    stored = in_own_connection(public.stats)
    assert stored.total == committed(status="approved", consent_publication=True)
    assert committed(signatory_name__startswith="Signer ", status="approved") == 2
