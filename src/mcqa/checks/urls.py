"""Web addresses in the descriptor are well formed."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import SplitResult, urlsplit

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._walk import iter_strings, quote

__all__ = ["WellFormedUrls", "is_url_key"]

# Schemes whose addresses name a host ("scheme://host/...").
_HOST_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "ws", "wss"})

# Domains reserved for documentation and testing (RFC 2606, RFC 6761).
_PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net", "example.edu")
_PLACEHOLDER_TLDS = ("example", "test", "invalid")

_LABEL = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?$")


def is_url_key(key: str | None) -> bool:
    """True for a key that holds a web address: ``url`` or a name ending in ``_url``.

    >>> is_url_key("url"), is_url_key("policy_url"), is_url_key("urls")
    (True, True, False)
    """
    return key is not None and (key == "url" or key.endswith("_url"))


def _host_problem(parts: SplitResult) -> str | None:
    """Why the host of ``parts`` is not usable, or ``None`` when it is."""
    host = parts.hostname
    if not host:
        return "it has no host name (such as www.university.edu)"
    if host == "localhost":
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return None
    labels = host.rstrip(".").split(".")
    if len(labels) < 2:
        return f"the host name '{host}' has no dot, so it is not a web domain"
    if not all(_LABEL.match(label) for label in labels):
        return f"the host name '{host}' is not a valid domain name"
    return None


def _is_placeholder(host: str) -> bool:
    host = host.rstrip(".").lower()
    if any(host == d or host.endswith("." + d) for d in _PLACEHOLDER_DOMAINS):
        return True
    return host.rsplit(".", 1)[-1] in _PLACEHOLDER_TLDS


class WellFormedUrls:
    """Every web address in the descriptor is well formed.

    Each text under a key named ``url`` or ending in ``_url`` (``policy_url``,
    ``verification_url``, ...), anywhere in the descriptor except under
    ``extensions``, must be a complete address in an allowed scheme.

    - **error**: the address contains spaces, cannot be read as an address,
      has no scheme or one that is not allowed, or (for web addresses) has no
      host name with a dot in it (``localhost`` and IP addresses are
      accepted);
    - **warning**: ``http`` instead of ``https``;
    - **warning**: a host reserved for examples, such as ``example.com`` or
      ``example.org``: the address looks like a placeholder.

    A descriptor without any address passes.

    Options:

    - ``schemes``: the allowed schemes (default ``["https", "http"]``). For a
      scheme without a host, such as ``mailto``, only the part after the
      colon is required.

    **PASS**

    ```yaml
    url: https://www.university.edu/credentials/data-101
    quality_assurance:
      policy_url: https://www.university.edu/quality
    ```

    **FAIL**

    ```yaml
    url: www.university.edu/data-101       # error: no scheme
    credential:
      verification_url: http://example.com # warnings: http, placeholder
    ```
    """

    ID: ClassVar[str] = "well-formed-urls"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "schemes": {
                "description": "The allowed URL schemes.",
                "type": "array",
                "items": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9+.-]*$"},
                "minItems": 1,
                "default": ["https", "http"],
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each malformed, insecure or placeholder address."""
        schemes = [str(s).lower() for s in context.options.get("schemes", ["https", "http"])]
        for found in iter_strings(context.data):
            if is_url_key(found.key):
                yield from self._judge(found.pointer, found.value, schemes)

    @staticmethod
    def _judge(pointer: str, url: str, schemes: list[str]) -> Iterator[Problem]:
        shown = quote(url, limit=100)
        allowed = " or ".join(schemes)
        example = f"{schemes[0]}://" if schemes else "https://"
        if not url.strip():
            yield Problem(pointer, "the web address is empty; give the full address or remove it")
            return
        if any(ch.isspace() for ch in url):
            yield Problem(
                pointer,
                f"the web address {shown} contains spaces; remove them (write a space inside "
                "an address as %20)",
            )
            return
        try:
            parts = urlsplit(url)
            _ = parts.port  # reading the port checks that it is a number in range
        except ValueError:
            yield Problem(
                pointer,
                f"{shown} cannot be read as a web address; check it by opening it in a browser "
                "and copy the address from there",
            )
            return
        scheme = parts.scheme.lower()
        schemeless = not scheme or (
            scheme not in schemes
            and ("." in scheme or url[len(scheme) + 1 :].split("/")[0].isdigit())
        )
        if schemeless:
            yield Problem(
                pointer,
                f"the web address {shown} does not start with {allowed}; write the full "
                f"address, starting with {example}",
            )
            return
        if scheme not in schemes:
            yield Problem(
                pointer,
                f"the web address {shown} uses '{scheme}', which is not allowed here; "
                f"use {allowed}",
            )
            return
        if scheme in _HOST_SCHEMES or parts.netloc:
            reason = _host_problem(parts)
            if reason is not None:
                yield Problem(pointer, f"the web address {shown} is not complete: {reason}")
                return
        elif not parts.path:
            yield Problem(pointer, f"the address {shown} is empty after '{scheme}:'")
            return
        if scheme == "http":
            yield Problem(
                pointer,
                f"the web address {shown} uses http; use https if the site supports it, so "
                "the connection is secure",
                severity="warning",
            )
        if parts.hostname and _is_placeholder(parts.hostname):
            yield Problem(
                pointer,
                f"the web address {shown} points to '{parts.hostname}', a domain reserved "
                "for examples; it looks like a placeholder, so give the real address",
                severity="warning",
            )
