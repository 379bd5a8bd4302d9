"""How many endorsements per second `endorseCharter` takes in, end to end through /graphql/.

Run it with `make bench-endorse` (or `DATABASE_URL=postgres://… .venv/bin/python -m bench.endorse_bench`). Each
submission is a different institution, sent by one of `--threads` concurrent clients through Django's test client:
validation, the duplicate check, the offline gazetteer, the insert, the queued confirmation email and its sending
(to Django's in-memory mail backend) all count. Rate limits are raised so that they never refuse. The rows the
bench creates are deleted at the end.
"""

import argparse
import logging
import os
import statistics
import threading
import time

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from bench.graphql_bench import prepare_content  # noqa: E402
from campaign.endorsements.gazetteer import place_index  # noqa: E402
from campaign.endorsements.models import Endorsement  # noqa: E402
from campaign.models import EndorsePage  # noqa: E402

ENDORSE = """
mutation($input: EndorsementInput!) { endorseCharter(input: $input) {
  __typename ... on EndorsementReceived { reference } ... on InvalidEndorsement { errors { code } } } }
"""
MARK = "Bench commune"


def payload(index: int, consent_version: str) -> dict:
    return {
        "institutionName": f"{MARK} {index}",
        "kind": "city",
        "country": "FR",
        "signatoryName": f"Signataire {index}",
        "signatoryTitle": "Maire",
        "email": f"bench{index}@example.org",
        "language": "fr",
        "statement": "Nous adhérons à la Charte de Lampedusa.",
        "consentPublication": True,
        "consentContact": False,
        "consentVersion": consent_version,
    }


def run(total: int, threads: int, consent_version: str) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def client_thread(first: int) -> None:
        client = Client(REMOTE_ADDR=f"10.1.0.{first}")
        barrier.wait()
        try:
            for index in range(first, total, threads):
                started = time.perf_counter()
                response = client.post(
                    "/graphql/",
                    {"query": ENDORSE, "variables": {"input": payload(index, consent_version)}},
                    content_type="application/json",
                )
                elapsed = (time.perf_counter() - started) * 1000
                result = response.json()["data"]["endorseCharter"]
                if result["__typename"] != "EndorsementReceived":
                    raise RuntimeError(f"submission {index} refused: {result}")
                with lock:
                    latencies.append(elapsed)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=client_thread, args=(first,)) for first in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=400, help="submissions in all")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    options = parser.parse_args()
    prepare_content()
    logging.getLogger("campaign.endorsements").setLevel(logging.WARNING)  # one line per submission otherwise
    settings.ENDORSEMENT_RATE_PER_IP = settings.ENDORSEMENT_RATE_PER_EMAIL = "100000/h"
    consent_version = EndorsePage.objects.live().first().consent_version
    Endorsement.objects.filter(institution_name__startswith=MARK).delete()
    place_index()  # built once per machine (release step or first submission); not what this bench measures
    try:
        seconds, latencies = run(options.total, options.threads, consent_version)
    finally:
        Endorsement.objects.filter(institution_name__startswith=MARK).delete()
    latencies.sort()
    print(f"Database: {connection.vendor}; {options.total} submissions from {options.threads} concurrent clients.")
    print(f"Throughput: {options.total / seconds:.1f} submissions/s ({seconds:.1f} s in all)")
    print(
        f"Latency: median {statistics.median(latencies):.1f} ms, "
        f"p95 {latencies[round(0.95 * len(latencies)) - 1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
