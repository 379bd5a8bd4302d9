"""Who the client is: the one address that the endorsement rate limits, the password-reset throttle and
django-axes all count by.

Behind CLIENT_IP_PROXY_COUNT reverse proxies, each appending the address it received the request from to the
CLIENT_IP_HEADER (X-Forwarded-For), the client is the entry that many places from the right: the entries to its
left were written by the client and prove nothing. Without proxies it is the connection's own address.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

# An IPv6 client holds a whole /64 (one LAN): its addresses count as one.
IPV6_CLIENT_PREFIX = 64


def client_ip(request: HttpRequest) -> str:
    """The client's address. A request that carries fewer proxy entries than configured (it bypassed a proxy,
    or the header is missing) falls back to the connection's address, which the client cannot choose."""
    address = forwarded_address(request) or request.META.get("REMOTE_ADDR") or "0.0.0.0"
    return client_network(address)


def forwarded_address(request: HttpRequest) -> str | None:
    proxies = settings.CLIENT_IP_PROXY_COUNT
    if not proxies:
        return None
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,  # python-ipware counts the proxies listed in the header; the last one is not
        request_header_order=[settings.CLIENT_IP_HEADER],
        strict=False,
    )
    return address


def client_network(address: str) -> str:
    """An IPv4 address as it is; an IPv6 address as its /64 network, so that rotating addresses within one's
    own network does not escape a limit."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "0.0.0.0"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)
    return str(parsed)
