"""check_url: only http(s), and no private, loopback or link-local hosts without opt-in."""

from __future__ import annotations

import pytest

from pipeline.errors import FetchError, UnsafeURL
from pipeline.fetch._safety import check_url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme 'file' is not http or https"),
        ("javascript:alert(1)", "scheme 'javascript' is not http or https"),
        ("example.org/page", "scheme '(none)' is not http or https"),
        ("http:///page", "the URL names no host"),
    ],
)
def test_other_schemes_and_hostless_urls_are_refused_even_with_opt_in(url, reason):
    with pytest.raises(UnsafeURL) as refused:
        check_url(url, allow_private=True)

    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://10.1.2.3/", "10.1.2.3"),
        ("http://192.168.0.1:8080/admin", "192.168.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://localhost/", None),
        ("http://[::1]/", "::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
        ("http://[64:ff9b::7f00:1]/", "64:ff9b::7f00:1"),  # NAT64 of 127.0.0.1
        ("http://[64:ff9b::a00:1]/", "64:ff9b::a00:1"),  # NAT64 of 10.0.0.1
        ("http://[2002:7f00:1::1]/", "2002:7f00:1::1"),  # 6to4 of 127.0.0.1
        ("http://[::7f00:1]/", "::7f00:1"),  # IPv4-compatible 127.0.0.1
        ("http://0.0.0.0/", "0.0.0.0"),
        ("https://100.64.0.1/", "100.64.0.1"),
    ],
)
def test_non_public_addresses_are_refused_by_default(url, address):
    with pytest.raises(UnsafeURL) as refused:
        check_url(url, allow_private=False)

    assert refused.value.reason.endswith("; rerun with --allow-private to fetch it")
    if address:
        assert f"non-public address {address};" in refused.value.reason


def test_private_addresses_pass_with_opt_in():
    check_url("http://10.1.2.3/", allow_private=True)


def test_public_address_passes():
    check_url("https://93.184.216.34/page", allow_private=False)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1/page", "not a valid URL: Invalid IPv6 URL"),
        ("http://example.org:99999/", "not a valid URL: Port out of range 0-65535"),
        ("http://\u2603\u200d.example/", "not a valid URL: Invalid IDNA hostname: '\u2603\\u200d.example'"),
        ("http://example.org/\udcff", "not a valid URL: 'utf-8' codec can't encode character '\\udcff' in position 19: surrogates not allowed"),
    ],
)
def test_urls_that_cannot_be_requested_fail_with_a_reason_even_with_opt_in(url, reason):
    with pytest.raises(FetchError) as failed:
        check_url(url, allow_private=True)

    assert type(failed.value) is FetchError
    assert failed.value.reason == reason


def test_a_nat64_address_of_a_public_host_passes():
    check_url("http://[64:ff9b::808:808]/", allow_private=False)
