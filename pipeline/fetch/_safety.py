"""Refuse URLs a crawler must not follow: other schemes, and private hosts unless allowed.

Fetching whatever URL a list or a redirect names is a server-side request forgery risk: a
page could send us to the cloud metadata address or to a service on the local network.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

import httpx

from pipeline.errors import FetchError, UnsafeURL

ALLOWED_SCHEMES = frozenset({"http", "https"})
# IPv6 ranges that carry an IPv4 address in their last 32 bits: NAT64 (RFC 6052) and the
# deprecated IPv4-compatible form. ::ffff:0:0/96 (mapped) and 2002::/16 (6to4) are read by
# ipaddress itself.
_CARRY_IPV4 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("::/96"))

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_url(url: str) -> SplitResult:
    """The parts of `url`; FetchError when it cannot be parsed (a broken IPv6 literal, a port
    out of range, text that is not UTF-8)."""
    try:
        url.encode("utf-8")
        parts = urlsplit(url)
        _ = parts.port  # reading the port is what checks its range
    except ValueError as error:
        raise FetchError(url, f"not a valid URL: {error}") from None
    return parts


def check_request_url(url: str) -> None:
    """FetchError unless an HTTP client can send a request to `url` (its host passes IDNA)."""
    parse_url(url)
    try:
        httpx.URL(url)
    except httpx.InvalidURL as error:
        raise FetchError(url, f"not a valid URL: {error}") from None


def check_url(url: str, allow_private: bool) -> None:
    """Raise UnsafeURL unless `url` is http(s) and, without `allow_private`, resolves publicly;
    FetchError when it is not a valid URL at all."""
    parts = parse_url(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURL(url, f"scheme {parts.scheme or '(none)'!r} is not http or https")
    if not parts.hostname:
        raise UnsafeURL(url, "the URL names no host")
    check_request_url(url)
    if allow_private:
        return
    for address in _resolve(url, parts.hostname):
        if not _is_public(address):
            raise UnsafeURL(
                url,
                f"host {parts.hostname} resolves to non-public address {address}; "
                "rerun with --allow-private to fetch it",
            )


def check_peer(url: str, peer: str | None) -> None:
    """Raise UnsafeURL if the connection went to a non-public address after all.

    The client resolves the host again when it connects, so a name that answered a public
    address to check_url can answer a private one a moment later (DNS rebinding).
    """
    if peer is not None and not _is_public(ipaddress.ip_address(peer.split("%")[0])):
        raise UnsafeURL(url, f"connected to non-public address {peer} (the host's DNS answer changed)")


def _is_public(address: Address) -> bool:
    carried = _carried_ipv4(address)
    if carried is not None and not _is_public(carried):
        return False
    return address.is_global and not address.is_multicast


def _carried_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one reaches in the end (64:ff9b::7f00:1 is 127.0.0.1), if any."""
    if address.version == 4:
        return None
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if any(address in network for network in _CARRY_IPV4) and int(address) > 1:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _resolve(url: str, host: str) -> set[Address]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(url, f"cannot resolve host {host}: {error}") from error
    # Scoped IPv6 addresses carry "%zone", which ipaddress does not parse.
    return {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
