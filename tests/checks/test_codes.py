"""Codes checked against maintained data: countries, currencies, languages, frameworks."""

from __future__ import annotations

import string
import subprocess
import sys
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks._codes import (
    ESCO,
    ISCO_08,
    ONET_SOC,
    SOC_2018,
    USER_ASSIGNED_COUNTRIES,
    country_issue,
    country_problem,
    currency_issue,
    currency_problem,
    framework_of,
    language_issue,
    language_problem,
    occupation_code_issue,
    occupation_code_problem,
    skill_code_issue,
    skill_code_problem,
)

ESCO_SKILL = "http://data.europa.eu/esco/skill/7dd94ad3-13d6-43fe-8b94-51fcbf67ced9"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
PORTAL = "https://esco.ec.europa.eu/en/classification/"


def test_pycountry_is_imported_only_when_a_code_is_checked() -> None:
    code = "import sys, mcqa.cli; print('pycountry' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# -- countries -------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["NL", "US", "AU", "BE", "GB", "XK"])
def test_real_countries_pass(code: str) -> None:
    assert country_problem(code) is None


@pytest.mark.parametrize("code", ["ZZ", "XX", "QM", "QZ", "XA", "AA", "zz", "xx"])
def test_codes_for_private_use_are_errors(code: str) -> None:
    issue = country_issue(code)
    assert issue is not None
    assert issue.severity == "error"
    assert issue.message == (
        f"'{code}' is a code for private use, not a country; give the two-letter "
        "ISO 3166-1 code of the country, e.g. NL"
    )


def test_every_user_assigned_code_but_kosovo_is_refused() -> None:
    assert len(USER_ASSIGNED_COUNTRIES) == 42
    for code in USER_ASSIGNED_COUNTRIES - {"XK"}:
        issue = country_issue(code)
        assert issue is not None
        assert issue.severity == "error", code


def test_lower_case_is_a_warning_to_write_capitals() -> None:
    issue = country_issue("nl")
    assert issue is not None
    assert issue.severity == "warning"
    assert issue.message == "write the country code 'nl' in capitals, as 'NL'"
    assert country_problem("nl") == issue.message


def test_spaces_around_a_code_are_a_warning() -> None:
    issue = country_issue(" NL ")
    assert issue is not None
    assert (issue.severity, issue.message) == (
        "warning",
        "remove the spaces around the country code 'NL'",
    )


@pytest.mark.parametrize(("code", "alpha_2"), [("NLD", "NL"), ("USA", "US"), ("deu", "DE")])
def test_three_letter_codes_point_to_the_two_letter_one(code: str, alpha_2: str) -> None:
    issue = country_issue(code)
    assert issue is not None
    assert issue.severity == "error"
    assert f"use the two-letter code '{alpha_2}'" in issue.message


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("528", "use the two-letter code 'NL'"),
        ("Netherlands", "'Netherlands' is 'NL'"),
        ("Scotland", "'Scotland' is 'GB'"),
        ("UK", "use 'GB'"),
        ("EL", "use 'GR'"),
        ("EU", "stands for the European Union, not a country"),
        ("AN", "(Netherlands Antilles) is no longer an ISO 3166-1 code"),
        ("OO", "'OO' is not an ISO 3166-1 country code"),
        ("", "the country is empty"),
        ("N.L.", "'N.L.' is not an ISO 3166-1 country code"),
    ],
)
def test_other_mistakes_are_errors_that_say_what_to_write(code: str, fragment: str) -> None:
    issue = country_issue(code)
    assert issue is not None
    assert issue.severity == "error"
    assert fragment in issue.message


@given(st.text(string.ascii_uppercase, min_size=2, max_size=2))
def test_every_two_capital_letters_get_an_answer(code: str) -> None:
    issue = country_issue(code)
    if code in USER_ASSIGNED_COUNTRIES and code != "XK":
        assert issue is not None
    if issue is not None:
        assert issue.severity == "error"
        assert issue.message
        assert "\n" not in issue.message


# -- currencies ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["EUR", "USD", "GBP", "JPY", "XOF", "XAF", "CHF"])
def test_real_currencies_pass(code: str) -> None:
    assert currency_problem(code) is None


@pytest.mark.parametrize("code", ["XXX", "XTS", "XAU", "XAG", "XDR", "XBA", "XSU", "XUA"])
def test_x_codes_that_are_no_currency_are_errors(code: str) -> None:
    issue = currency_issue(code)
    assert issue is not None
    assert issue.severity == "error"
    assert "not a currency a learner can pay in" in issue.message


def test_currency_messages() -> None:
    assert currency_problem("XXX") == (
        "'XXX' is an ISO 4217 code for 'no currency', not a currency a learner can pay in; "
        "give the currency the price is paid in"
    )
    assert currency_problem("€") == "'€' is not an ISO 4217 currency code; did you mean 'EUR'?"
    assert currency_problem("QQQ") == (
        "'QQQ' is not an ISO 4217 currency code; use a code such as EUR, USD or GBP"
    )
    issue = currency_issue("eur")
    assert issue is not None
    assert issue.severity == "warning"


# -- languages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["en", "fr-CA", "nl-BE", "en-GB", "zh-Hant-TW", "es-419", "de-CH-1996", "yue-HK", "zh-yue"],
)
def test_good_language_tags_pass(tag: str) -> None:
    assert language_problem(tag) is None


@pytest.mark.parametrize(
    ("tag", "fragment"),
    [
        ("xx", "'xx' is not an ISO 639 language code"),
        ("qaa", "reserved for local use"),
        ("qtz", "reserved for local use"),
        ("x-klingon", "private-use tag"),
        ("und", "undetermined"),
        ("zxx", "no linguistic content"),
        ("en_US", "write 'en_US' as 'en-US'"),
        ("English", "'English' is 'en'"),
        ("en-UK", "use 'GB'"),
        ("en-ZZ", "region 'ZZ'"),
        ("en-QM", "region 'QM'"),
        ("fr-Xyzw", "not an ISO 15924 script code"),
        ("en-US-Latn", "'Latn' cannot come after 'US'"),
        ("en-", "is not a language tag"),
        ("", "the language is empty"),
        ("english language", "is not a language tag"),
    ],
)
def test_bad_language_tags_are_errors(tag: str, fragment: str) -> None:
    issue = language_issue(tag)
    assert issue is not None
    assert issue.severity == "error", issue
    assert fragment in issue.message


@pytest.mark.parametrize(
    ("tag", "fragment"),
    [
        ("EN", "write the language tag 'EN' as 'en'"),
        ("en-gb", "as 'en-GB'"),
        ("eng", "with its two-letter code, as 'en'"),
        ("fre-CA", "as 'fr-CA'"),
        ("mul", "several languages"),
        (" en ", "remove the spaces"),
    ],
)
def test_tags_written_unusually_are_warnings(tag: str, fragment: str) -> None:
    issue = language_issue(tag)
    assert issue is not None
    assert issue.severity == "warning", issue
    assert fragment in issue.message


@given(st.text(max_size=30))
def test_any_text_gets_a_one_line_answer(tag: str) -> None:
    issue = language_issue(tag)
    if issue is not None:
        assert issue.message
        assert "\n" not in issue.message


# -- frameworks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "framework"),
    [
        ("ESCO", ESCO),
        ("esco v1.2", ESCO),
        ("ESCO skills", ESCO),
        ("https://esco.ec.europa.eu/en", ESCO),
        ("O*NET-SOC", ONET_SOC),
        ("O*NET", ONET_SOC),
        ("ONET-SOC 2019", ONET_SOC),
        ("O*Net - Occupations", ONET_SOC),
        ("ISCO-08", ISCO_08),
        ("ISCO 08", ISCO_08),
        ("SOC", SOC_2018),
        ("SOC 2018", SOC_2018),
        ("US SOC", SOC_2018),
        ("https://www.bls.gov/soc/", SOC_2018),
        ("Standard Occupational Classification", SOC_2018),
        ("escola", None),
        ("UK SOC 2020", None),
        ("ISCO-88", None),
        ("SFIA", None),
        ("Lightcast Open Skills", None),
    ],
)
def test_framework_names_are_matched_loosely(name: str, framework: str | None) -> None:
    assert framework_of(name) == framework


@pytest.mark.parametrize(
    ("framework", "code"),
    [
        ("ESCO", "2511.1"),
        ("ESCO", "2166.1.3"),
        ("ESCO", "2511"),
        ("ESCO", ESCO_OCCUPATION),
        ("ESCO", "http://data.europa.eu/esco/isco/C2511"),
        ("ESCO", "f2b15a0e-e65a-438a-affb-29b9d50b77d1"),
        ("ESCO", PORTAL + "occupation?uri=" + quote(ESCO_OCCUPATION, safe="")),
        ("O*NET-SOC", "15-2051.00"),
        ("O*NET-SOC", "15-2051"),
        ("O*NET", "11-1011.03"),
        ("ISCO-08", "2511"),
        ("SOC 2018", "15-2051"),
        ("SFIA", "whatever it is"),
    ],
)
def test_occupation_codes_in_shape_pass(framework: str, code: str) -> None:
    assert occupation_code_problem(framework, code) is None


@pytest.mark.parametrize(
    ("framework", "code", "fragment"),
    [
        ("ESCO", "data analyst", "not an ESCO occupation code"),
        ("ESCO", ESCO_SKILL, "is an ESCO skill, not an ESCO occupation"),
        ("ESCO", "https://example.org/occupation/1", "not an ESCO URI"),
        ("ESCO", "http://data.europa.eu/esco/occupation/analyst", "does not end in an ESCO"),
        ("O*NET-SOC", "152051", "O*NET-SOC codes look like 15-2051.00"),
        ("O*NET-SOC", "15-2051.0", "not an O*NET-SOC code"),
        ("ISCO-08", "25", "an ISCO-08 group, not an occupation"),
        ("ISCO-08", "25111", "not an ISCO-08 code"),
        ("SOC 2018", "152051", "not a SOC 2018 code"),
        ("SOC", "2134", "UK SOC 2020"),
        ("ESCO", "  ", "the ESCO code is empty"),
    ],
)
def test_occupation_codes_out_of_shape_are_errors(framework: str, code: str, fragment: str) -> None:
    issue = occupation_code_issue(framework, code)
    assert issue is not None
    assert issue.severity == "error", issue
    assert fragment in issue.message


@pytest.mark.parametrize(
    ("framework", "code", "fragment"),
    [
        ("SOC", "15-1131.00", "name the framework O*NET-SOC, or give the SOC 2018 code '15-1131'"),
        ("https://www.bls.gov/soc/", "15-1131.00", "is an O*NET-SOC code"),
        ("ISCO-08", "C2511", "as '2511'"),
        ("ESCO", ESCO_OCCUPATION + "&language=en", "'&language=en' after its identifier"),
    ],
)
def test_occupation_codes_written_otherwise_are_warnings(
    framework: str, code: str, fragment: str
) -> None:
    issue = occupation_code_issue(framework, code)
    assert issue is not None
    assert issue.severity == "warning", issue
    assert fragment in issue.message


@pytest.mark.parametrize(
    ("framework", "value"),
    [
        ("ESCO", ESCO_SKILL),
        ("ESCO", "https://data.europa.eu/esco/skill/7dd94ad3-13d6-43fe-8b94-51fcbf67ced9"),
        ("ESCO", "S1.2.1"),
        ("ESCO", "7dd94ad3-13d6-43fe-8b94-51fcbf67ced9"),
        ("ESCO", PORTAL + "skill?uri=" + quote(ESCO_SKILL, safe="")),
        ("O*NET", "2.A.1.a"),
        ("O*NET", "4.A.2.a.4"),
        ("O*NET", "15-1252.00"),
        ("O*NET", "43232306"),
        ("O*NET", "https://www.onetonline.org/link/summary/15-1131.00"),
        ("ISCO-08", "2511"),
        ("Mozilla 21st Century Skills", "anything at all"),
    ],
)
def test_skill_codes_in_shape_pass(framework: str, value: str) -> None:
    assert skill_code_problem(framework, value) is None


@pytest.mark.parametrize(
    ("framework", "value", "fragment"),
    [
        ("ESCO", "data cleaning", "not an ESCO skill"),
        ("ESCO", ESCO_OCCUPATION, "is an ESCO occupation, not an ESCO skill"),
        ("ESCO", "https://example.org/skills/cleaning", "not an ESCO URI"),
        ("ESCO", PORTAL + "skill_main", "not an ESCO URI"),
        ("ESCO", PORTAL + "occupation?uri=" + quote(ESCO_OCCUPATION, safe=""), "ESCO occupation"),
        ("O*NET", "reading", "not an O*NET code"),
        ("SOC 2018", "data", "not a SOC 2018 code"),
    ],
)
def test_skill_codes_out_of_shape_are_errors(framework: str, value: str, fragment: str) -> None:
    issue = skill_code_issue(framework, value)
    assert issue is not None
    assert issue.severity == "error", issue
    assert fragment in issue.message


def test_text_after_an_esco_identifier_is_a_warning() -> None:
    # As found in real catalogs: a language parameter pasted onto the concept URI.
    issue = skill_code_issue(
        "ESCO", "http://data.europa.eu/esco/skill/b105ec9b-0857-41d6-8d07-a83e58b73d90&language=en"
    )
    assert issue is not None
    assert issue.severity == "warning"
    assert "'&language=en' after its identifier; remove it" in issue.message


@given(framework=st.sampled_from(["ESCO", "O*NET", "ISCO-08", "SOC"]), code=st.text(max_size=40))
def test_any_code_gets_a_one_line_answer(framework: str, code: str) -> None:
    for issue in (occupation_code_issue(framework, code), skill_code_issue(framework, code)):
        if issue is not None:
            assert issue.severity in ("error", "warning")
            assert issue.message
            assert "\n" not in issue.message
