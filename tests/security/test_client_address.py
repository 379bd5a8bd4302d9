"""Who the client is (issue 12, item 7): the address CLIENT_IP_PROXY_COUNT entries from the right of the proxies'
header, never one the client wrote; the endorsement limits and the admin's lock-out count by it."""

import pytest
from django.test import RequestFactory

from campaign.security.client_address import client_ip

from ..endorsements.mutations import ENDORSE

PROXY = "10.0.0.2"  # the load balancer, as the app sees it


def request_from(forwarded: str | None, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/graphql/", **headers)


@pytest.fixture
def behind(settings):
    def configure(proxies: int, header: str = "HTTP_X_FORWARDED_FOR"):
        settings.CLIENT_IP_PROXY_COUNT = proxies
        settings.CLIENT_IP_HEADER = header

    return configure


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # spoofed: the client wrote 6.6.6.6
        (1, "6.6.6.6, 7.7.7.7, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 172.16.0.9", "198.51.100.7"),  # chained: CDN, then load balancer
        (2, "198.51.100.7, 172.16.0.9", "198.51.100.7"),
        (1, "198.51.100.7:51234", "198.51.100.7"),
        (1, "6.6.6.6, [2001:db8:1:2::7]:443", "2001:db8:1:2::"),  # IPv6: its /64
        (1, "not-an-address, 198.51.100.7", "198.51.100.7"),
        (2, "198.51.100.7", PROXY),  # fewer entries than proxies: it came round them
        (1, None, PROXY),  # missing header: a direct connection
        (1, "", PROXY),
        (1, "garbage", PROXY),
        (0, "6.6.6.6", PROXY),  # no proxies: the header is the client's own writing
    ],
)
def test_the_client_is_the_entry_written_by_the_outermost_trusted_proxy(behind, proxies, forwarded, client):
    behind(proxies)
    assert client_ip(request_from(forwarded)) == client


def test_another_header_can_be_named(behind):
    behind(1, "HTTP_X_REAL_IP")
    request = RequestFactory().post(
        "/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.7", HTTP_X_FORWARDED_FOR="6.6.6.6"
    )
    assert client_ip(request) == "198.51.100.7"


def signup_through_proxy(client, make_input, index: int, forwarded_for: str) -> dict:
    """The `index`-th commune's endorsement, arriving from the proxy with this X-Forwarded-For."""
    data = make_input(institutionName=f"Commune {index}", email=f"maire{index}@example.org")
    response = client.post(
        "/graphql/",
        {"query": ENDORSE, "variables": {"input": data}},
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return response.json()["data"]["endorseCharter"]


@pytest.mark.django_db
def test_rotating_a_spoofed_header_does_not_escape_the_signup_limit(client, valid_input, behind, settings):
    behind(1)
    settings.ENDORSEMENT_RATE_PER_IP = "3/h"
    codes = []
    for index in range(5):
        result = signup_through_proxy(client, valid_input, index, f"203.0.113.{index}, 198.51.100.7")
        codes.append(result["__typename"] if "errors" not in result else result["errors"][0]["code"])
    assert codes == ["EndorsementReceived"] * 3 + ["RATE_LIMITED"] * 2


@pytest.mark.django_db
def test_clients_behind_one_proxy_do_not_share_a_signup_limit(client, valid_input, behind, settings):
    behind(1)
    settings.ENDORSEMENT_RATE_PER_IP = "1/h"
    for index in range(3):
        result = signup_through_proxy(client, valid_input, index, f"198.51.100.{index}")
        assert result["__typename"] == "EndorsementReceived"


def test_a_header_named_without_a_proxy_count_stops_the_app_at_start():
    """Once CLIENT_IP_HEADER alone trusted the header; now it would silently be ignored, so it is refused."""
    import os
    import subprocess
    import sys

    environment = {**os.environ, "CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR"}
    environment.pop("CLIENT_IP_PROXY_COUNT", None)
    run = subprocess.run(
        [sys.executable, "-c", "import cms.settings.base"], env=environment, capture_output=True, text=True
    )
    assert run.returncode != 0 and "set CLIENT_IP_PROXY_COUNT too" in run.stderr
    environment["CLIENT_IP_PROXY_COUNT"] = "1"
    assert subprocess.run([sys.executable, "-c", "import cms.settings.base"], env=environment).returncode == 0
