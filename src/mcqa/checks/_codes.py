"""Codes checked against maintained data: countries, currencies, languages, frameworks.

Country (ISO 3166-1), currency (ISO 4217), language (ISO 639) and script
(ISO 15924) codes are looked up in the ``pycountry`` package, which follows
the ISO lists as Debian's ``iso-codes`` maintains them; ``pycountry`` is
imported only when a code is first checked, and each answer is remembered.
Occupation and skill codes of well-known frameworks (ESCO, O*NET-SOC,
ISCO-08, SOC 2018) are checked for their shape only: whether the code is one
the framework could have, not whether it is in the current release.

Each ``*_problem`` function returns ``None`` for a good code, or a message
saying what is wrong and what to write instead. Each ``*_issue`` function
returns the same message with its severity: ``warning`` when only the way
the code is written is off (``nl`` for ``NL``), ``error`` otherwise.

>>> country_problem("NL") is None, country_problem("ZZ")
(True, "'ZZ' is a code for private use, not a country; give the two-letter ISO 3166-1 code of the country, e.g. NL")
>>> currency_problem("EUR") is None, language_problem("fr-CA") is None
(True, True)
>>> occupation_code_problem("O*NET-SOC", "15-2051.00") is None
True
"""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from mcqa.checks._walk import quote
from mcqa.models.finding import Severity
from mcqa.validate import suggest

#: Entries kept by each cache of values read from files: bounded, so that a large
#: catalog's many distinct codes and ids cannot grow a process without end.
_CACHED = 4096

__all__ = [
    "ESCO",
    "ISCO_08",
    "ONET_SOC",
    "SOC_2018",
    "CodeIssue",
    "country_issue",
    "country_problem",
    "currency_issue",
    "currency_problem",
    "framework_of",
    "language_issue",
    "language_problem",
    "occupation_code_issue",
    "occupation_code_problem",
    "price_currency_codes",
    "skill_code_issue",
    "skill_code_problem",
]


class CodeIssue(NamedTuple):
    """What is wrong with a code, and how much it matters."""

    message: str
    severity: Severity


def _error(message: str) -> CodeIssue:
    return CodeIssue(message, "error")


def _warning(message: str) -> CodeIssue:
    return CodeIssue(message, "warning")


# -- countries (ISO 3166-1 alpha-2) ----------------------------------------------------

#: Codes ISO 3166-1 leaves to its users: AA, QM to QZ, XA to XZ and ZZ.
USER_ASSIGNED_COUNTRIES: frozenset[str] = frozenset(
    {"AA", "ZZ"} | {"Q" + c for c in "MNOPQRSTUVWXYZ"} | {"X" + c for c in string.ascii_uppercase}
)

#: User-assigned codes in wide use for a territory that has no ISO code yet.
#: ``XK`` (Kosovo) is used by the European Commission, Erasmus+ and many others.
_ACCEPTED_USER_ASSIGNED = frozenset({"XK"})

#: Exceptionally reserved and otherwise common codes that stand for a country
#: whose ISO 3166-1 code is another one.
_COUNTRY_ALIASES = {
    "UK": "GB",
    "EL": "GR",
    "FX": "FR",
    "EA": "ES",
    "IC": "ES",
    "AC": "SH",
    "TA": "SH",
    "DG": "IO",
    "CP": "FR",
}

#: Exceptionally reserved codes that stand for no single country.
_NOT_A_COUNTRY = {
    "EU": "the European Union",
    "EZ": "the eurozone",
    "UN": "the United Nations",
}

#: Names people write for parts of a country.
_PART_OF = {
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "NORTHERN IRELAND": "GB",
    "GREAT BRITAIN": "GB",
    "BRITAIN": "GB",
    "HOLLAND": "NL",
}

_EXAMPLE_COUNTRY = "e.g. NL"


@cache
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(str(c.alpha_2) for c in pycountry.countries) | _ACCEPTED_USER_ASSIGNED


def _country_by(code: str) -> str | None:
    """The alpha-2 code of the country whose alpha-3 or numeric code is ``code``."""
    import pycountry

    if code.isdigit():
        found = pycountry.countries.get(numeric=code.zfill(3))
    else:
        found = pycountry.countries.get(alpha_3=code)
    return str(found.alpha_2) if found is not None else None


def _country_named(name: str) -> str | None:
    import pycountry

    if name.upper() in _PART_OF:
        return _PART_OF[name.upper()]
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def _historic_country(code: str) -> str | None:
    import pycountry

    found = pycountry.historic_countries.get(alpha_2=code)
    return str(found.name) if found is not None else None


@lru_cache(maxsize=_CACHED)
def country_issue(code: str) -> CodeIssue | None:
    """What is wrong with ``code`` as an ISO 3166-1 alpha-2 country code, if anything.

    >>> country_issue("nl")
    CodeIssue(message="write the country code 'nl' in capitals, as 'NL'", severity='warning')
    >>> country_issue("NLD").message
    "'NLD' is a three-letter code; use the two-letter code 'NL' (ISO 3166-1 alpha-2)"
    """
    text = code.strip()
    upper = text.upper()
    if not text:
        return _error(
            f"the country is empty; give its two-letter ISO 3166-1 code, {_EXAMPLE_COUNTRY}"
        )
    if upper in _country_codes():
        if code == upper:
            return None
        if text == upper:
            return _warning(f"remove the spaces around the country code '{upper}'")
        return _warning(f"write the country code {quote(code)} in capitals, as '{upper}'")
    if len(upper) == 2 and upper.isalpha():
        if upper in USER_ASSIGNED_COUNTRIES:
            return _error(
                f"{quote(text)} is a code for private use, not a country; give the two-letter "
                f"ISO 3166-1 code of the country, {_EXAMPLE_COUNTRY}"
            )
        if upper in _COUNTRY_ALIASES:
            return _error(
                f"{quote(text)} is not the ISO 3166-1 code of a country; "
                f"use '{_COUNTRY_ALIASES[upper]}'"
            )
        if upper in _NOT_A_COUNTRY:
            return _error(
                f"{quote(text)} stands for {_NOT_A_COUNTRY[upper]}, not a country; give the "
                f"two-letter ISO 3166-1 code of the country, {_EXAMPLE_COUNTRY}"
            )
        historic = _historic_country(upper)
        if historic is not None:
            return _error(
                f"{quote(text)} ({historic}) is no longer an ISO 3166-1 code; give the code "
                "of the country as it is today"
            )
        return _error(
            f"{quote(text)} is not an ISO 3166-1 country code; give the two-letter code of "
            f"the country, {_EXAMPLE_COUNTRY}"
        )
    if len(upper) == 3 and upper.isalpha():
        alpha_2 = _country_by(upper)
        if alpha_2 is not None:
            return _error(
                f"{quote(text)} is a three-letter code; use the two-letter code "
                f"'{alpha_2}' (ISO 3166-1 alpha-2)"
            )
    if upper.isdigit():
        alpha_2 = _country_by(upper)
        if alpha_2 is not None:
            return _error(f"{quote(text)} is a numeric code; use the two-letter code '{alpha_2}'")
    named = _country_named(text)
    if named is not None:
        return _error(
            f"give the country as its two-letter ISO 3166-1 code, not its name: "
            f"{quote(text)} is '{named}'"
        )
    return _error(
        f"{quote(text)} is not an ISO 3166-1 country code; give the two-letter code of "
        f"the country, {_EXAMPLE_COUNTRY}"
    )


def country_problem(code: str) -> str | None:
    """A message when ``code`` is not a good ISO 3166-1 alpha-2 code, else ``None``.

    >>> country_problem("QM")
    "'QM' is a code for private use, not a country; give the two-letter ISO 3166-1 code of the country, e.g. NL"
    """
    issue = country_issue(code)
    return issue.message if issue is not None else None


# -- currencies (ISO 4217) ------------------------------------------------------------

#: ISO 4217 codes starting with X that are real currencies a price can be paid in.
_X_CURRENCIES = frozenset({"XAF", "XCD", "XCG", "XOF", "XPF"})

#: What the other X codes stand for.
_X_CODE_MEANINGS = {
    "XXX": "'no currency'",
    "XTS": "testing",
    "XAU": "gold",
    "XAG": "silver",
    "XPD": "palladium",
    "XPT": "platinum",
}

#: Symbols and names people write instead of a code, and the code they most often mean.
_CURRENCY_MISTAKES = {
    "€": "EUR",
    "EURO": "EUR",
    "EUROS": "EUR",
    "$": "USD",
    "US$": "USD",
    "USD$": "USD",
    "DOLLAR": "USD",
    "DOLLARS": "USD",
    "£": "GBP",
    "POUND": "GBP",
    "POUNDS": "GBP",
    "UKP": "GBP",
    "STG": "GBP",
    "¥": "JPY",
    "YEN": "JPY",
    "RMB": "CNY",
    "YUAN": "CNY",
    "₹": "INR",
    "RUPEE": "INR",
    "RUPEES": "INR",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "R$": "BRL",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "ZŁ": "PLN",
}

#: Withdrawn codes and the code that replaced them (consulted only for a code
#: the maintained list no longer has).
_CURRENCY_SUCCESSORS = {
    "HRK": "EUR",
    "BGN": "EUR",
    "LTL": "EUR",
    "LVL": "EUR",
    "EEK": "EUR",
    "SKK": "EUR",
    "SIT": "EUR",
    "CYP": "EUR",
    "MTL": "EUR",
    "DEM": "EUR",
    "FRF": "EUR",
    "NLG": "EUR",
    "BEF": "EUR",
    "ITL": "EUR",
    "ESP": "EUR",
    "PTE": "EUR",
    "ATS": "EUR",
    "FIM": "EUR",
    "IEP": "EUR",
    "GRD": "EUR",
    "LUF": "EUR",
    "ANG": "XCG",
    "SLL": "SLE",
    "VEF": "VES",
    "ZWL": "ZWG",
    "MRO": "MRU",
    "STD": "STN",
    "BYR": "BYN",
    "CUC": "CUP",
}


@cache
def _currency_codes() -> frozenset[str]:
    """Every ISO 4217 code in the maintained list, X codes included."""
    import pycountry

    return frozenset(str(c.alpha_3) for c in pycountry.currencies)


def _is_price_currency(code: str) -> bool:
    return code in _currency_codes() and (not code.startswith("X") or code in _X_CURRENCIES)


@cache
def price_currency_codes() -> frozenset[str]:
    """The ISO 4217 codes a price can be in: every active code but the non-currency X codes.

    >>> {"EUR", "XOF"} <= price_currency_codes(), "XXX" in price_currency_codes()
    (True, False)
    """
    return frozenset(c for c in _currency_codes() if _is_price_currency(c))


@lru_cache(maxsize=_CACHED)
def currency_issue(code: str) -> CodeIssue | None:
    """What is wrong with ``code`` as the ISO 4217 code of a price, if anything.

    >>> currency_issue("eur").severity, currency_issue("XXX").severity
    ('warning', 'error')
    """
    upper = code.strip().upper()
    if _is_price_currency(upper):
        if code == upper:
            return None
        return _warning(
            f"write the currency code {quote(code)} as '{upper}': three capital letters "
            "and nothing else"
        )
    if upper.startswith("X") and upper in _currency_codes():
        meaning = _X_CODE_MEANINGS.get(upper, "a unit of account")
        return _error(
            f"{quote(code)} is an ISO 4217 code for {meaning}, not a currency a learner can "
            "pay in; give the currency the price is paid in"
        )
    if upper in _CURRENCY_SUCCESSORS:
        return _error(
            f"{quote(code)} is no longer an ISO 4217 currency code; did you mean "
            f"'{_CURRENCY_SUCCESSORS[upper]}'?"
        )
    hint = _CURRENCY_MISTAKES.get(upper) or suggest(upper, price_currency_codes())
    advice = f"did you mean '{hint}'?" if hint else "use a code such as EUR, USD or GBP"
    return _error(f"{quote(code)} is not an ISO 4217 currency code; {advice}")


def currency_problem(code: str) -> str | None:
    """A message when ``code`` is not an ISO 4217 currency a price can be in, else ``None``.

    >>> currency_problem("XTS")
    "'XTS' is an ISO 4217 code for testing, not a currency a learner can pay in; give the currency the price is paid in"
    """
    issue = currency_issue(code)
    return issue.message if issue is not None else None


# -- languages (BCP 47, ISO 639) ------------------------------------------------------

_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")
_PRIVATE_USE_LANGUAGE = re.compile(r"q[a-t][a-z]")
_NO_LANGUAGE = {"und": "an undetermined language", "zxx": "no linguistic content"}
_EXAMPLE_LANGUAGE = "such as en, fr or nl"


def _language(code: str) -> tuple[str, str | None] | None:
    """``(name, two-letter code or None)`` of an ISO 639 code, or ``None`` if there is none."""
    import pycountry

    lower = code.lower()
    if len(lower) == 2:
        found = pycountry.languages.get(alpha_2=lower)
    else:
        found = pycountry.languages.get(alpha_3=lower) or pycountry.languages.get(
            bibliographic=lower
        )
        if found is None:
            family = pycountry.language_families.get(alpha_3=lower)
            return (str(family.name), None) if family is not None else None
    if found is None:
        return None
    return str(found.name), getattr(found, "alpha_2", None)


def _language_named(name: str) -> str | None:
    """The shortest ISO 639 code of the language called ``name`` (in English), if any."""
    import pycountry

    try:
        found = pycountry.languages.lookup(name.strip())
    except LookupError:
        return None
    return str(getattr(found, "alpha_2", None) or found.alpha_3)


def _script_exists(code: str) -> bool:
    import pycountry

    return pycountry.scripts.get(alpha_4=code.title()) is not None


def _region_issue(region: str, tag: str) -> CodeIssue | None:
    """What is wrong with a two-letter region subtag, if anything."""
    upper = region.upper()
    if upper in _country_codes() or upper in _NOT_A_COUNTRY:
        return None
    if upper in USER_ASSIGNED_COUNTRIES:
        return _error(
            f"the region {quote(region)} in the language tag {quote(tag)} is a code for "
            "private use, not a country; give the two-letter ISO 3166-1 code of the country, "
            "e.g. fr-CA, or leave the region out"
        )
    alias = _COUNTRY_ALIASES.get(upper)
    advice = f"use '{alias}'" if alias else "give a two-letter ISO 3166-1 code, e.g. fr-CA"
    return _error(
        f"the region {quote(region)} in the language tag {quote(tag)} is not a country "
        f"code; {advice}, or leave the region out"
    )


def _canonical_case(subtags: list[str]) -> str:
    """The tag written as BCP 47 recommends: ``zh-Hant-TW``, ``en-GB``, ``es-419``."""
    out = [subtags[0].lower()]
    singleton = False
    for sub in subtags[1:]:
        if len(sub) == 1:
            singleton = True
        if singleton:
            out.append(sub.lower())
        elif len(sub) == 4 and sub.isalpha():
            out.append(sub.title())
        elif len(sub) == 2 and sub.isalpha():
            out.append(sub.upper())
        else:
            out.append(sub.lower())
    return "-".join(out)


@lru_cache(maxsize=_CACHED)
def language_issue(tag: str) -> CodeIssue | None:
    """What is wrong with ``tag`` as a BCP 47 language tag, if anything.

    The primary language must be a real ISO 639 code (639-1, 639-2 or
    639-3, or a 639-5 family); a two-letter region must be a real ISO 3166-1
    country. Codes reserved for private use (``qaa`` to ``qtz``, and tags
    starting ``x-``) name no language anyone else can read, so they are
    errors, as are ``und`` and ``zxx``.

    >>> language_issue("en") is None, language_issue("nl-BE") is None
    (True, True)
    >>> language_issue("eng")
    CodeIssue(message="write the language 'eng' (English) with its two-letter code, as 'en'", severity='warning')
    """
    text = tag.strip()
    if not text:
        return _error(f"the language is empty; give a language tag {_EXAMPLE_LANGUAGE}")
    if "_" in text:
        fixed = text.replace("_", "-")
        fixed_issue = language_issue(fixed)
        if fixed_issue is None or fixed_issue.severity == "warning":
            canonical = _canonical_case(fixed.split("-"))
            return _error(
                f"a language tag joins its parts with '-', not '_': write {quote(text)} "
                f"as '{canonical}'"
            )
    subtags = text.split("-")
    if not all(_SUBTAG.fullmatch(s) for s in subtags):
        named = _language_named(text)
        if named is not None:
            return _error(f"give the language as a tag, not its name: {quote(text)} is '{named}'")
        return _error(
            f"{quote(text)} is not a language tag; give one {_EXAMPLE_LANGUAGE}, "
            "with a region if needed, e.g. fr-CA"
        )
    primary = subtags[0].lower()
    if primary == "x":
        return _error(
            f"{quote(text)} is a private-use tag and names no language others can read; "
            f"give a language tag {_EXAMPLE_LANGUAGE}"
        )
    if not primary.isalpha() or len(primary) not in (2, 3):
        named = _language_named(text)
        if named is not None:
            return _error(f"give the language as a tag, not its name: {quote(text)} is '{named}'")
        return _error(
            f"{quote(subtags[0])} is not an ISO 639 language code; give a language tag "
            f"{_EXAMPLE_LANGUAGE}"
        )
    if _PRIVATE_USE_LANGUAGE.fullmatch(primary):
        return _error(
            f"{quote(subtags[0])} is an ISO 639 code reserved for local use and names no "
            f"language others can read; give the code of the language, {_EXAMPLE_LANGUAGE}"
        )
    if primary in _NO_LANGUAGE:
        return _error(
            f"{quote(subtags[0])} stands for {_NO_LANGUAGE[primary]}; give the language of "
            f"instruction and assessment, {_EXAMPLE_LANGUAGE}"
        )
    language = _language(primary)
    if language is None:
        return _error(
            f"{quote(subtags[0])} is not an ISO 639 language code; give a language tag "
            f"{_EXAMPLE_LANGUAGE}"
        )
    # The rest, in BCP 47's order: extlang{0,3}, script?, region?, variant*, extension*,
    # private use. Each subtag moves the stage forward; one that cannot come next is an error.
    stage = 0
    extlangs = 0
    previous = subtags[0]
    for sub in subtags[1:]:
        lower = sub.lower()
        if stage < 5 and len(sub) == 1:
            stage = 6 if lower == "x" else 5
        elif stage >= 5:
            pass  # extensions and private use: any subtags
        elif stage <= 1 and extlangs < 3 and len(sub) == 3 and sub.isalpha():
            if _language(lower) is None:
                return _error(
                    f"{quote(sub)} in the language tag {quote(text)} is not an ISO 639 "
                    f"language code; give a language tag {_EXAMPLE_LANGUAGE}"
                )
            stage, extlangs = 1, extlangs + 1
        elif stage <= 1 and len(sub) == 4 and sub.isalpha():
            if not _script_exists(sub):
                return _error(
                    f"{quote(sub)} in the language tag {quote(text)} is not an ISO 15924 "
                    "script code; use one such as Latn or Cyrl, or leave it out"
                )
            stage = 2
        elif stage <= 2 and len(sub) == 2 and sub.isalpha():
            problem = _region_issue(sub, text)
            if problem is not None:
                return problem
            stage = 3
        elif stage <= 2 and len(sub) == 3 and sub.isdigit():
            stage = 3
        elif len(sub) >= 5 or (len(sub) == 4 and sub[0].isdigit()):
            stage = 4
        else:
            return _error(
                f"the language tag {quote(text)} is not well formed: {quote(sub)} cannot "
                f"come after {quote(previous)}; write language-Script-REGION, e.g. fr-CA "
                "or zh-Hant-TW"
            )
        previous = sub
    if stage >= 5 and len(subtags[-1]) == 1:
        return _error(
            f"the language tag {quote(text)} ends with {quote(subtags[-1])}; remove it or "
            "add what it introduces"
        )
    name, alpha_2 = language
    if alpha_2 is not None and len(primary) == 3:
        shorter = "-".join([alpha_2, *subtags[1:]])
        return _warning(
            f"write the language {quote(text)} ({name}) with its two-letter code, "
            f"as '{_canonical_case(shorter.split('-'))}'"
        )
    if primary == "mul":
        return _warning(
            "'mul' stands for several languages; give the main language of instruction and "
            "assessment, and name the others in the description"
        )
    canonical = _canonical_case(subtags)
    if text != canonical:
        return _warning(f"write the language tag {quote(text)} as '{canonical}'")
    if tag != text:
        return _warning(f"remove the spaces around the language tag '{text}'")
    return None


def language_problem(tag: str) -> str | None:
    """A message when ``tag`` is not a good BCP 47 language tag, else ``None``.

    >>> language_problem("xx")
    "'xx' is not an ISO 639 language code; give a language tag such as en, fr or nl"
    """
    issue = language_issue(tag)
    return issue.message if issue is not None else None


# -- occupation and skill frameworks ---------------------------------------------------

#: The frameworks whose codes are checked for shape, by the names used in messages.
ESCO = "ESCO"
ONET_SOC = "O*NET-SOC"
ISCO_08 = "ISCO-08"
SOC_2018 = "SOC 2018"

_ISCO_NAMES = frozenset({"isco", "isco08", "isco2008"})
_SOC_NAMES = frozenset(
    {
        "soc",
        "soc2018",
        "ussoc",
        "ussoc2018",
        "blssoc",
        "standardoccupationalclassification",
        "standardoccupationalclassification2018",
        "usstandardoccupationalclassification",
    }
)


@lru_cache(maxsize=_CACHED)
def framework_of(name: str) -> str | None:
    """Which known framework ``name`` refers to, if any.

    Versions and common spellings are accepted: ``ESCO v1.2``, ``esco``,
    ``O*NET``, ``ONET-SOC 2019``, ``ISCO 08``, ``SOC``, ``US SOC 2018``,
    and framework web addresses (``https://www.bls.gov/soc/``).

    >>> framework_of("ESCO v1.2"), framework_of("O*Net - Occupations"), framework_of("SFIA")
    ('ESCO', 'O*NET-SOC', None)
    """
    text = name.strip().lower()
    if text.startswith(("http://", "https://")):
        parts = urlsplit(text)
        host, path = parts.hostname or "", parts.path
        if host.endswith("europa.eu") and "esco" in host + path:
            return ESCO
        if host.endswith(("onetcenter.org", "onetonline.org")):
            return ONET_SOC
        if host.endswith("bls.gov") and path.startswith("/soc"):
            return SOC_2018
        if host.endswith("ilo.org") and "isco" in path:
            return ISCO_08
        return None
    if re.match(r"esco\b", text):
        return ESCO
    if re.match(r"o\s*\*?\s*net\b", text):
        return ONET_SOC
    key = re.sub(r"[^a-z0-9]", "", text)
    if key in _ISCO_NAMES:
        return ISCO_08
    if key in _SOC_NAMES:
        return SOC_2018
    return None


_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_ESCO_URI = re.compile(
    r"https?://data\.europa\.eu/esco/(?P<kind>[a-z-]+)/(?P<id>[A-Za-z0-9.-]+)(?P<rest>.*)",
    re.DOTALL,
)
_ESCO_CODE = re.compile(r"\d{4}(\.\d+)+")
_ESCO_SKILL_GROUP = re.compile(r"[A-Z]\d+(\.\d+)*")
_ISCO_CODE = re.compile(r"\d{4}")
_ISCO_GROUP = re.compile(r"\d{1,3}")
_ISCO_ESCO_NOTATION = re.compile(r"C(\d{1,4})")
_ONET_SOC_CODE = re.compile(r"\d{2}-\d{4}(\.\d{2})?")
_SOC_CODE = re.compile(r"\d{2}-\d{4}")
_ONET_ELEMENT = re.compile(r"\d(\.[A-Za-z0-9]+)+")
_UNSPSC = re.compile(r"\d{8}")

_ESCO_OCCUPATION_EXAMPLE = (
    "give a code such as 2511.1, or a URI such as http://data.europa.eu/esco/occupation/<id>"
)
_ESCO_SKILL_EXAMPLE = "give the skill's URI, such as http://data.europa.eu/esco/skill/<id>"


def _q(value: str) -> str:
    """A code or web address in quotes, long enough to show the identifier at its end."""
    return quote(value, limit=120)


def _esco_uri(value: str) -> tuple[str, str, str] | None:
    """``(kind, id, extra text)`` of an ESCO concept URI, or of an ESCO portal page on one.

    The portal page (``https://esco.ec.europa.eu/...?uri=<concept URI>``) is
    the concept's official description, so it names the concept as well.
    """
    match = _ESCO_URI.fullmatch(value)
    if match is None:
        parts = urlsplit(value)
        if not (parts.hostname or "").endswith("europa.eu"):
            return None
        for uri in parse_qs(parts.query).get("uri", []):
            inner = _ESCO_URI.fullmatch(unquote(uri))
            if inner is not None:
                return inner["kind"], inner["id"], "portal"
        return None
    return match["kind"], match["id"], match["rest"]


def _esco_issue(value: str, kind: str) -> CodeIssue | None:
    """An ESCO concept URI of ``kind`` (``occupation`` or ``skill``), checked."""
    found = _esco_uri(value)
    example = _ESCO_OCCUPATION_EXAMPLE if kind == "occupation" else _ESCO_SKILL_EXAMPLE
    if found is None:
        return _error(f"{_q(value)} is not an ESCO URI; {example}")
    found_kind, concept, rest = found
    accepted = {"occupation": ("occupation", "isco"), "skill": ("skill",)}[kind]
    if found_kind not in accepted:
        return _error(
            f"{_q(value)} is an ESCO {found_kind.replace('-', ' ')}, not an ESCO {kind}; {example}"
        )
    if found_kind == "isco":
        ok = _ISCO_ESCO_NOTATION.fullmatch(concept) is not None
    elif found_kind == "skill":
        ok = re.fullmatch(_UUID, concept) is not None or bool(_ESCO_SKILL_GROUP.fullmatch(concept))
    else:
        ok = re.fullmatch(_UUID, concept) is not None
    if not ok:
        return _error(f"{_q(value)} does not end in an ESCO identifier; {example}")
    if rest and rest != "portal":
        return _warning(f"the ESCO URI {_q(value)} has {_q(rest)} after its identifier; remove it")
    return None


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _isco_issue(value: str, framework: str) -> CodeIssue | None:
    if _ISCO_CODE.fullmatch(value):
        return None
    if _ISCO_GROUP.fullmatch(value):
        return _error(
            f"{_q(value)} is an {framework} group, not an occupation; give the four-digit "
            "unit group code, e.g. 2511"
        )
    notation = _ISCO_ESCO_NOTATION.fullmatch(value)
    if notation is not None and len(notation[1]) == 4:
        return _warning(f"write the {framework} code {_q(value)} as '{notation[1]}'")
    return _error(
        f"{_q(value)} is not an {framework} code; give the four-digit unit group code, e.g. 2511"
    )


def _onet_occupation_issue(value: str) -> CodeIssue | None:
    if _ONET_SOC_CODE.fullmatch(value):
        return None
    return _error(
        f"{_q(value)} is not an O*NET-SOC code; O*NET-SOC codes look like 15-2051.00 (or 15-2051)"
    )


def _soc_issue(value: str) -> CodeIssue | None:
    if _SOC_CODE.fullmatch(value):
        return None
    if _ONET_SOC_CODE.fullmatch(value):
        return _warning(
            f"{_q(value)} is an O*NET-SOC code; name the framework O*NET-SOC, or give "
            f"the SOC 2018 code '{value[:7]}'"
        )
    advice = ""
    if _ISCO_CODE.fullmatch(value):
        advice = " (for a UK SOC code, name the framework 'UK SOC 2020')"
    return _error(f"{_q(value)} is not a SOC 2018 code; SOC codes look like 15-2051{advice}")


@lru_cache(maxsize=_CACHED)
def occupation_code_issue(framework: str, code: str) -> CodeIssue | None:
    """What is wrong with the shape of an occupation ``code`` in ``framework``, if anything.

    Only ESCO, O*NET-SOC, ISCO-08 and SOC 2018 are known; for any other
    framework every code is accepted.

    >>> occupation_code_issue("ESCO", "2511.1") is None
    True
    >>> occupation_code_issue("ISCO-08", "25").message
    "'25' is an ISCO-08 group, not an occupation; give the four-digit unit group code, e.g. 2511"
    """
    known = framework_of(framework)
    value = code.strip()
    if known is None:
        return None
    if not value:
        return _error(f"the {known} code is empty; give the occupation's code")
    if known == ESCO:
        if _is_url(value):
            return _esco_issue(value, "occupation")
        if _ESCO_CODE.fullmatch(value) or _ISCO_CODE.fullmatch(value):
            return None
        if re.fullmatch(_UUID, value):
            return None  # the identifier at the end of the concept URI
        return _error(f"{_q(value)} is not an ESCO occupation code; {_ESCO_OCCUPATION_EXAMPLE}")
    if _is_url(value):
        return None  # a link to the occupation: its shape is the framework's business
    if known == ONET_SOC:
        return _onet_occupation_issue(value)
    if known == ISCO_08:
        return _isco_issue(value, ISCO_08)
    return _soc_issue(value)


def occupation_code_problem(framework: str, code: str) -> str | None:
    """A message when ``code`` does not have the shape of an occupation in ``framework``.

    >>> occupation_code_problem("SOC 2018", "15-2051") is None
    True
    """
    issue = occupation_code_issue(framework, code)
    return issue.message if issue is not None else None


@lru_cache(maxsize=_CACHED)
def skill_code_issue(framework: str, code_or_url: str) -> CodeIssue | None:
    """What is wrong with the shape of a skill code or URL in ``framework``, if anything.

    ESCO skills are named by their concept URI, the ESCO portal page on it,
    the identifier at the URI's end, or a skill group code such as
    ``S1.2.1``; O*NET by a content-model
    element id (``2.A.1.a``), an O*NET-SOC code or a technology commodity
    code; ISCO-08 and SOC 2018 by their occupation codes. For any other
    framework every code is accepted, and so is any web address outside ESCO.

    >>> skill_code_issue("ESCO", "http://data.europa.eu/esco/skill/7dd94ad3-13d6-43fe-8b94-51fcbf67ced9") is None
    True
    """
    known = framework_of(framework)
    value = code_or_url.strip()
    if known is None:
        return None
    if not value:
        return _error(f"the {known} code is empty; give the skill's code or web address")
    if known == ESCO:
        if _is_url(value):
            return _esco_issue(value, "skill")
        if _ESCO_SKILL_GROUP.fullmatch(value) or re.fullmatch(_UUID, value):
            return None
        return _error(f"{_q(value)} is not an ESCO skill; {_ESCO_SKILL_EXAMPLE}")
    if _is_url(value):
        return None
    if known == ONET_SOC:
        if (
            _ONET_ELEMENT.fullmatch(value)
            or _ONET_SOC_CODE.fullmatch(value)
            or _UNSPSC.fullmatch(value)
        ):
            return None
        return _error(
            f"{_q(value)} is not an O*NET code; give a content-model element id such as "
            "2.A.1.a, or an O*NET-SOC code such as 15-2051.00"
        )
    if known == ISCO_08:
        return _isco_issue(value, ISCO_08)
    return _soc_issue(value)


def skill_code_problem(framework: str, code_or_url: str) -> str | None:
    """A message when ``code_or_url`` does not have the shape of a skill in ``framework``.

    >>> skill_code_problem("O*NET", "2.A.1.a") is None
    True
    """
    issue = skill_code_issue(framework, code_or_url)
    return issue.message if issue is not None else None
