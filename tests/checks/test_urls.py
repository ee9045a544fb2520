"""The ``well-formed-urls`` check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.urls import WellFormedUrls, is_url_key

from ._support import places, run_check

CHECK = WellFormedUrls()


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def url(value: str, **options: Any) -> list[Problem]:
    return run({"url": value}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "well-formed-urls"
    assert default_options(CHECK, {}) == {"schemes": ["https", "http"]}


def test_good_addresses_everywhere_pass() -> None:
    problems = run(
        {
            "url": "https://www.university.edu/credentials/data-101",
            "issuer": {"name": "Uni", "url": "https://university.edu"},
            "cost": {"amount": 0, "refund_policy_url": "https://university.edu/refunds?x=1#a"},
            "quality_assurance": {"policy_url": "https://university.edu:8443/qa"},
            "credential": {"verification_url": "https://badges.university.edu/v/123"},
            "learning_outcomes": [
                {
                    "statement": "Explain X",
                    "alignments": [{"framework": "ESCO", "url": "https://esco.ec.europa.eu/x"}],
                }
            ],
            "contact": {"url": "https://localhost/contact"},
        }
    )
    assert problems == []


def test_no_addresses_pass() -> None:
    assert run({}) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("www.university.edu/data-101", "does not start with https or http"),
        ("university.edu:8080/x", "does not start with"),
        ("https://exa mple.edu", "contains spaces"),
        (" https://university.edu", "contains spaces"),
        ("https://intranet/x", "has no dot"),
        ("https:/university.edu", "no host name"),
        ("https://", "no host name"),
        ("ftp://files.university.edu", "uses 'ftp', which is not allowed"),
        ("https://university.edu:99999/", "cannot be read"),
        ("http://[::1", "cannot be read"),
        ("https://bad_host..edu", "not a valid domain name"),
    ],
)
def test_malformed_addresses_are_errors(value: str, words: str) -> None:
    problems = url(value)
    assert places(problems) == [("/url", "error")]
    assert words in problems[0].message


def test_the_message_quotes_the_address() -> None:
    (problem,) = url("www.university.edu/data-101")
    assert "'www.university.edu/data-101'" in problem.message


def test_http_is_a_warning() -> None:
    problems = url("http://university.edu")
    assert places(problems) == [("/url", "warning")]
    assert "https" in problems[0].message


@pytest.mark.parametrize(
    "value",
    [
        "https://example.com",
        "https://www.example.org/badge",
        "https://example.net",
        "https://x.test",
    ],
)
def test_example_domains_are_a_placeholder_warning(value: str) -> None:
    problems = url(value)
    assert places(problems) == [("/url", "warning")]
    assert "placeholder" in problems[0].message


def test_http_and_example_give_two_warnings() -> None:
    assert places(url("http://example.com")) == [("/url", "warning"), ("/url", "warning")]


def test_ip_addresses_are_hosts() -> None:
    assert url("https://192.0.2.10/x") == []
    assert url("https://[2001:db8::1]/x") == []


def test_schemes_can_be_changed() -> None:
    assert url("ftp://files.university.edu", schemes=["https", "ftp"]) == []
    assert places(url("http://university.edu", schemes=["https"])) == [("/url", "error")]
    assert url("mailto:help@university.edu", schemes=["https", "mailto"]) == []
    assert places(url("mailto:", schemes=["mailto"])) == [("/url", "error")]


def test_extensions_are_not_checked() -> None:
    fields = {"extensions": {"logo_url": "not an address", "url": "nope"}}
    assert run(fields) == []


def test_only_url_keys_are_checked() -> None:
    assert run({"description": "see www.university.edu"}) == []
    assert is_url_key("url")
    assert is_url_key("verification_url")
    assert not is_url_key("curl")
    assert not is_url_key(None)


def test_problems_come_in_document_order() -> None:
    fields = {
        "issuer": {"url": "nope"},
        "url": "http://university.edu",
        "contact": {"url": "https://example.com"},
    }
    assert places(run(fields)) == [
        ("/issuer/url", "error"),
        ("/url", "warning"),
        ("/contact/url", "warning"),
    ]


@given(st.text(min_size=1, max_size=60))
def test_any_text_gives_well_formed_problems(value: str) -> None:
    for problem in url(value):
        assert problem.pointer == "/url"
        assert problem.severity in ("error", "warning")
        assert problem.message
        assert "\n" not in problem.message


@given(
    host=st.from_regex(r"\A[a-z][a-z0-9-]{0,10}[a-z0-9]\.(edu|org|nl|ac\.uk)\Z"),
    path=st.from_regex(r"\A(/[a-z0-9_-]{0,8}){0,3}\Z"),
)
def test_https_addresses_with_real_hosts_pass(host: str, path: str) -> None:
    assert url(f"https://{host}{path}") == []
