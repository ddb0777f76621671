"""Refuse URLs a crawler must not follow: other schemes, and private hosts unless allowed.

Fetching whatever URL a list or a redirect names is a server-side request forgery risk: a
page could send us to the cloud metadata address or to a service on the local network.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from pipeline.errors import FetchError, UnsafeURL

ALLOWED_SCHEMES = frozenset({"http", "https"})

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def check_url(url: str, allow_private: bool) -> None:
    """Raise UnsafeURL unless `url` is http(s) and, without `allow_private`, resolves publicly."""
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise UnsafeURL(url, f"not a valid URL: {error}") from error
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeURL(url, f"scheme {parts.scheme or '(none)'!r} is not http or https")
    if not parts.hostname:
        raise UnsafeURL(url, "the URL names no host")
    if allow_private:
        return
    for address in _resolve(url, parts.hostname):
        if not _is_public(address):
            raise UnsafeURL(
                url,
                f"host {parts.hostname} resolves to non-public address {address} "
                "(--allow-private permits it)",
            )


def check_peer(url: str, peer: str | None) -> None:
    """Raise UnsafeURL if the connection went to a non-public address after all.

    The client resolves the host again when it connects, so a name that answered a public
    address to check_url can answer a private one a moment later (DNS rebinding).
    """
    if peer is not None and not _is_public(ipaddress.ip_address(peer.split("%")[0])):
        raise UnsafeURL(url, f"connected to non-public address {peer} (the host's DNS answer changed)")


def _is_public(address: Address) -> bool:
    return address.is_global and not address.is_multicast


def _resolve(url: str, host: str) -> set[Address]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(url, f"cannot resolve host {host}: {error}") from error
    # Scoped IPv6 addresses carry "%zone", which ipaddress does not parse.
    return {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
