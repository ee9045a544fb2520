"""Open Badges in and out: OB 3.0 and OB 2.0 achievements as descriptors, and back.

Two importers read what a badge platform publishes about a credential:

- :class:`OpenBadges3Importer` (``ob3``): an Open Badges 3.0 ``Achievement``, or an
  ``AchievementCredential`` / ``OpenBadgeCredential`` (its
  ``credentialSubject.achievement``, with the credential's ``issuer``). The document
  must name the OB 3.0 JSON-LD context (``context-3.0.3.json`` or another 3.0.x
  release under ``https://purl.imsglobal.org/spec/ob/v3p0/``). An
  ``EndorsementCredential`` is a claim about another credential or profile, not a
  descriptor: it is not detected.
- :class:`OpenBadges2Importer` (``ob2``): an Open Badges 2.0 ``BadgeClass``, alone or
  embedded in an ``Assertion`` (``badge``), with the OB 2.0 context.

Two exporters go the other way: :func:`export_ob3_achievement` (a descriptor as an
OB 3.0 ``Achievement``) and :func:`export_endorsement` (an unsigned OB 3.0
``EndorsementCredential`` that states a descriptor's conformance result, so the
quality signal travels with the credential). Both validate against the official
OB 3.0 JSON Schemas.

Open Badges into a descriptor
-----------------------------

OB 3.0 names; OB 2.0 differences in brackets.

- ``id`` -> ``id`` (``urn:mcqa:descriptor:X``, what the exporter writes, becomes ``X``).
- ``name`` -> ``title``; ``description`` -> ``description``; ``version`` -> ``version``.
- ``achievementType`` -> ``type``: ``MicroCredential`` -> ``microcredential``, other
  terms in kebab case (``CertificateOfCompletion`` -> ``certificate-of-completion``),
  ``ext:X`` -> ``X``.
- ``inLanguage`` [``@language``] -> ``language``; without it, the language of the
  translated text chosen.
- ``url`` (1EdTech's apply-link extension) -> ``url``.
- the credential's ``issuer``, else the achievement's ``creator`` [``issuer``] ->
  ``issuer``: ``name``, ``url``, ``address.addressCountryCode`` (else
  ``addressCountry``, as a code or an exact country name) -> ``country``,
  ``addressRegion`` -> ``region``, ``parentOrg.name`` -> ``parent``. An issuer given
  only as a link is kept under ``extensions``; a creator other than the issuer too.
- ``resultDescription[]`` of ``resultType: ext:LearningOutcome`` ->
  ``learning_outcomes[]``: ``name`` -> ``statement``, ``alignment[]`` -> ``alignments``.
- any other ``resultDescription[]`` (a grade, a status, a rubric) -> ``assessments[]``:
  ``description`` (else ``name``) -> ``description``; ``assessmentType``, else the
  achievement's ``assessmentType`` (educredentials) -> ``type``; ``requiredValue`` or
  ``requiredLevel`` with its scale -> ``passing_standard`` (``6 on a scale from 1 to
  10``); alignments of ``targetType: ext:LearningOutcome`` -> ``outcomes``.
- ``criteria.narrative`` (Markdown): list items under a heading "Learning outcomes"
  (or "Outcomes") -> ``learning_outcomes``, under "Assessment(s)" -> ``assessments``,
  when the result descriptions give none. Criteria are what a learner must do to
  earn the badge, not a statement of outcomes or of how they are assessed, so prose
  is not mined for either: the rest of the narrative is kept verbatim in
  ``extensions.open_badges.criteria.narrative`` (an ``import-unmapped`` note says so).
- ``criteria.id`` [``criteria`` as a URL] -> ``extensions.open_badges.criteria.id``.
- ``alignment[]``, by what the target is:

  - an EQF level (``targetType: ext:EQF``, an EQF level URI such as
    ``http://data.europa.eu/snb/eqf/6``, or an EQF ``targetFramework``), or
    ``ext:QualificationLevel`` -> ``level``;
  - an occupation (``ext:Occupation``, an ESCO occupation URI, an O*NET-SOC,
    ISCO-08 or SOC framework) -> ``relevance.occupations``;
  - ``ext:QualityAssurance`` (educredentials) -> ``quality_assurance``:
    ``targetDescription`` (else ``targetName``) -> ``approved_through``,
    ``targetFramework`` -> ``body``, ``targetUrl`` -> ``policy_url``;
  - another credential (``ceterms:Credential``, ``CTDL``) ->
    ``extensions.open_badges.alignment``;
  - anything else (a competency, a skill, a CASE item) is an objective the
    achievement is aligned to: a learning outcome whose statement is the target's
    name, with the alignment, when the document states no outcomes otherwise
    (else it is kept under ``extensions.open_badges.alignment``).

- ``creditsAvailable`` -> ``stackability.credit`` in ECTS when the educredentials
  ``ECTS`` term gives the same figure. Otherwise its unit is unknown (OB 3.0 says
  credit hours, platforms also write ECTS there): an ``import-ambiguous`` warning, and
  the figure is kept under ``extensions.open_badges``.
- ``ECTS`` (educredentials) -> ``workload.ects``; ``SBU`` (educredentials: study-load
  hours) -> ``workload.hours``; ``timeInvestment``, ``volumeOfLearning`` -> ``workload``
  from ``PT45H``, ``20 hours`` or ``P6W``; a bare number names no unit (a warning).
- ``participationType`` (educredentials) -> ``delivery.mode`` for ``online``;
  ``onsite or blended`` does not say which (a warning).
- ``supervisionType`` and ``identityChecked`` (educredentials) ->
  ``identity_verification``; when they contradict each other, a warning.
- ``tag[]`` [``tags``], ``fieldOfStudy``, ``specialization``, ``humanCode``,
  ``related[]``, ``educationProgramIdentifier`` -> ``extensions.open_badges``, by
  their OB 3.0 names.
- ``endorsement[]`` -> ``extensions.open_badges.endorsement``: who endorsed, what they
  said, and when (not verified).
- the format itself -> ``credential.format``: ``Open Badges 3.0`` or ``2.0``.

Translated text comes as a plain string, ``{"@value": ..., "@language": ...}``, a list
of those, or a language map (``{"en": ..., "nl": ...}``): the English text is taken,
else the first. Not read: images, evidence, results, the earner, proofs,
``otherIdentifier``. Every value keeps its source line (``Imported.provenance``).

A descriptor into an Open Badges 3.0 Achievement
------------------------------------------------

- ``id`` -> ``id``: as it is when it is a URI, else
  ``urn:mcqa:descriptor:<id, percent-encoded>``.
- ``title`` -> ``name``; ``description`` -> ``description`` (``""`` when there is
  none: OB 3.0 requires one); ``version`` -> ``version``; ``url`` -> ``url``.
- ``type`` -> ``achievementType``: the OB 3.0 term it names (``microcredential`` ->
  ``MicroCredential``), else ``ext:<type>``.
- ``language`` -> ``inLanguage``, in canonical case; left out when it does not fit
  OB 3.0's pattern (``en``, ``nl-BE``, ``zh-Hant-TW``).
- ``issuer`` -> ``creator``: a ``Profile`` with ``name``, ``url``, ``address``
  (``addressCountryCode``, ``addressRegion``) and ``parentOrg``.
- ``learning_outcomes[]`` -> ``resultDescription[]`` of ``resultType
  ext:LearningOutcome`` (``name``: the statement; ``alignment``: its alignments, each
  also in the achievement's ``alignment``), and a list in ``criteria.narrative``.
- ``assessments[]`` -> ``resultDescription[]`` of ``resultType Status``
  (``description``, ``assessmentType``, ``requiredValue``: the passing standard,
  ``alignment`` to the outcomes it assesses), and a list in ``criteria.narrative``.
- ``level`` -> an ``alignment`` of ``targetType ext:EQF`` with the EQF level URI (EQF
  levels 1 to 8), else of ``ext:QualificationLevel``.
- ``relevance.occupations[]`` -> ``alignment`` of ``targetType ext:Occupation``.
- ``quality_assurance`` -> an ``alignment`` of ``targetType ext:QualityAssurance``,
  when it has ``approved_through`` and ``policy_url`` (an alignment needs a name and
  an address).
- ``workload.credit_hours`` -> ``creditsAvailable``. The unit rule: OB 3.0 defines
  ``creditsAvailable`` as credit hours, so only US credit hours are written there;
  ECTS credits are not (a reader could not tell them apart).
- ``extensions.open_badges`` -> ``tag``, ``fieldOfStudy``, ``specialization``,
  ``humanCode``, ``related``, ``criteria.id``, the kept criteria narrative (before the
  generated lists) and the kept ``alignment``.

Lost on export, because OB 3.0 has no place for them: ``status``, ``co_issuers``,
``audience``, ``relevance`` but occupations, ``bloom_level``, alignments without a
name or a web address (OB 3.0 requires both), ``workload`` but credit hours (ECTS,
hours, CEUs, weeks, pace), ``level.not_applicable``, ``delivery``,
``identity_verification``, ``prerequisites``, ``cost``, ``stackability``,
``credential``, ``accessibility``, ``equity``, ``quality_assurance.type`` and its
dates, ``outcomes_data``, ``contact`` and other ``extensions``. Lost on import: what
the list above does not name. Credit hours do not come back, since
``creditsAvailable`` is ambiguous on import; a level written as digits (``"5"``)
comes back as a number; an occupation without a title comes back without one.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, ClassVar
from urllib.parse import quote, unquote

from mcqa.checks._codes import ISCO_08, ONET_SOC, SOC_2018, framework_of
from mcqa.importers._base import Imported, Provenance, descriptor_document, plain
from mcqa.importers._units import eqf_level, iso_duration_weeks, learning_hours, number
from mcqa.load import Document, SourceMap, escape_token, join_pointer
from mcqa.models.finding import Finding, Severity
from mcqa.models.report import DescriptorResult

__all__ = [
    "OB2_CONTEXTS",
    "OB3_CONTEXT",
    "OpenBadges2Importer",
    "OpenBadges3Importer",
    "achievement_id",
    "export_endorsement",
    "export_ob3_achievement",
]

#: The JSON-LD context an OB 3.0 document names (the newest 3.0 release).
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#: The W3C Verifiable Credentials 2.0 context, which comes first in an OB 3.0 credential.
VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
#: The JSON-LD contexts of Open Badges 2.0.
OB2_CONTEXTS = frozenset(
    {
        "https://w3id.org/openbadges/v2",
        "https://w3id.org/openbadges/v2/",
        "https://openbadgespec.org/v2/context.json",
    }
)
_OB3_CONTEXT = re.compile(
    r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(?:-3\.\d+\.\d+)?\.json$"
)
_ENDORSEMENT_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json"
)

#: OB 3.0's ``AchievementType`` vocabulary (an ``ext:`` term extends it).
ACHIEVEMENT_TYPES = (
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree",
    "Award", "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion",
    "Certification", "CommunityService", "Competency", "Course", "CoCurricular", "Degree",
    "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
    "JourneymanCertificate", "LearningProgram", "License", "Membership",
    "ProfessionalDoctorate", "QualityAssuranceCredential", "MasterCertificate",
    "MasterDegree", "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
)  # fmt: skip
_ALIGNMENT_TARGET_TYPES = frozenset(
    {"ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric", "CFRubricCriterion",
     "CFRubricCriterionLevel", "CTDL"}
)  # fmt: skip
_BY_LETTERS = {name.lower(): name for name in ACHIEVEMENT_TYPES}
_EXT_TERM = re.compile(r"^ext:[A-Za-z0-9._-]+$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_OB3_LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
_LANGUAGE_KEY = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_DIGITS = re.compile(r"^(?:0|[1-9][0-9]{0,8})$")

_DESCRIPTOR_URN = "urn:mcqa:descriptor:"
_OUTCOME_URN = "urn:mcqa:outcome:"
_ASSESSMENT_URN = "urn:mcqa:assessment:"
_ISSUER_URN = "urn:mcqa:issuer:"
_LEVEL_URN = "urn:mcqa:level:"
_OCCUPATION_URN = "urn:mcqa:occupation:"

_OUTCOME_TYPE = "ext:LearningOutcome"
_EQF_TYPE = "ext:EQF"
_LEVEL_TYPE = "ext:QualificationLevel"
_OCCUPATION_TYPE = "ext:Occupation"
_QA_TYPE = "ext:QualityAssurance"
_CREDENTIAL_LINKS = frozenset({"ceterms:credential", "ctdl"})
_EQF_URI = "http://data.europa.eu/snb/eqf/{}"
_ESCO_OCCUPATION = re.compile(
    r"^https?://data\.europa\.eu/esco/occupation/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)
_ESCO_URI = re.compile(r"^https?://data\.europa\.eu/esco/")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

AMBIGUOUS = "import-ambiguous"
"""Rule of a finding about a value the importer would not guess at (a warning)."""
UNMAPPED = "import-unmapped"
"""Rule of a finding about a value kept under ``extensions`` or not read (information)."""
MISSING = "import-missing"
"""Rule of a finding about something a descriptor needs that the source lacks (a warning)."""
NOT_A_DESCRIPTOR = "import-format"
"""Rule of the error ``convert`` gives for a document that is not in its format."""


# -- small readers -------------------------------------------------------------------------


def _types(value: Any) -> frozenset[str]:
    """A JSON-LD ``type``: one term or a list of terms."""
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(item for item in value if isinstance(item, str))
    return frozenset()


def _contexts(data: Mapping[str, Any]) -> list[str]:
    context = data.get("@context")
    if isinstance(context, str):
        return [context]
    if isinstance(context, list):
        return [item for item in context if isinstance(item, str)]
    return []


def _as_list(value: Any) -> list[Any]:
    """JSON-LD lets one value stand for a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _pointer(path: Sequence[str | int]) -> str:
    return "".join(f"/{escape_token(token)}" for token in path)


@dataclass(frozen=True)
class _Text:
    """A string read from the source: the text, its language, where it stands."""

    text: str
    language: str | None
    pointer: str
    languages: int = 1
    """How many languages the source offered."""


def _is_english(language: str | None) -> bool:
    return language is not None and language.lower().split("-")[0] == "en"


def _choose(options: list[_Text]) -> _Text | None:
    if not options:
        return None
    chosen = next((o for o in options if _is_english(o.language)), options[0])
    languages = len({o.language for o in options}) if len(options) > 1 else 1
    return _Text(chosen.text, chosen.language, chosen.pointer, languages)


def pick_text(value: Any, pointer: str = "") -> _Text | None:
    """The text of a string in any of JSON-LD's shapes: English if offered, else the first.

    >>> pick_text([{"@value": "Kat", "@language": "nl"}, {"@value": "Cat", "@language": "en"}])
    _Text(text='Cat', language='en', pointer='/1/@value', languages=2)
    >>> pick_text({"nl": "Kat", "de": "Katze"}).text
    'Kat'
    """
    if isinstance(value, str):
        return _Text(value, None, pointer)
    if isinstance(value, dict):
        if "@value" in value:
            text = value["@value"]
            language = value.get("@language")
            if not isinstance(text, str):
                return None
            return _Text(
                text,
                language if isinstance(language, str) else None,
                join_pointer(pointer, "@value"),
            )
        options = [
            _Text(text, key, join_pointer(pointer, key))
            for key, text in value.items()
            if isinstance(text, str) and _LANGUAGE_KEY.match(key)
        ]
        if options and len(options) == len(value):
            return _choose(options)
        return None
    if isinstance(value, list):
        found = [pick_text(item, join_pointer(pointer, index)) for index, item in enumerate(value)]
        return _choose([item for item in found if item is not None])
    return None


def _kebab(term: str) -> str:
    if term == "MicroCredential":
        return "microcredential"
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", term).lower()


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def achievement_type_to_descriptor(term: str) -> str:
    """The descriptor ``type`` for an ``achievementType``.

    >>> [achievement_type_to_descriptor(t) for t in ("MicroCredential", "CertificateOfCompletion", "ext:Nanodegree")]
    ['microcredential', 'certificate-of-completion', 'Nanodegree']
    """
    name = term[4:] if term.startswith("ext:") else term
    known = _BY_LETTERS.get(_letters(name))
    if known is not None:
        return _kebab(known)
    return name


def descriptor_type_to_ob3(kind: str) -> str:
    """The ``achievementType`` for a descriptor ``type``: a term of OB 3.0, else ``ext:``.

    >>> [descriptor_type_to_ob3(t) for t in ("microcredential", "badge", "short course")]
    ['MicroCredential', 'Badge', 'ext:short-course']
    """
    known = _BY_LETTERS.get(_letters(kind))
    if known is not None:
        return known
    return "ext:" + (re.sub(r"[^A-Za-z0-9._-]", "-", kind) or "-")


def achievement_id(descriptor_id: str) -> str:
    """The ``id`` of the OB 3.0 achievement for a descriptor id (OB 3.0 ids are URIs).

    >>> achievement_id("https://example.edu/a/1"), achievement_id("data 101")
    ('https://example.edu/a/1', 'urn:mcqa:descriptor:data%20101')
    """
    if _URI.match(descriptor_id) and not descriptor_id.startswith(_DESCRIPTOR_URN):
        return descriptor_id
    return _DESCRIPTOR_URN + quote(descriptor_id, safe="")


def _descriptor_id(achievement: str) -> str:
    if achievement.startswith(_DESCRIPTOR_URN):
        return unquote(achievement[len(_DESCRIPTOR_URN) :])
    return achievement


def _canonical_language(tag: str) -> str:
    """BCP 47 case conventions: ``EN-gb`` -> ``en-GB``, ``ZH-hant`` -> ``zh-Hant``."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _nonnegative(value: Any) -> float | None:
    figure = number(value)
    return figure if figure is not None and figure >= 0 else None


def _whole(value: float) -> float | int:
    return int(value) if value.is_integer() else value


# -- the criteria narrative ----------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|[0-9]{1,3}[.)])[ \t]+(.*)$")
_BOLD_ID = re.compile(
    r"^\*\*(?P<id>[A-Za-z0-9._-]{1,20})\*\*[ \t]*(?:[:.\u2013\u2014-][ \t]*)?(?P<rest>.+)$", re.S
)
_OUTCOME_HEADINGS = frozenset(
    {"learning outcomes", "outcomes", "intended learning outcomes", "learning outcome"}
)
_ASSESSMENT_HEADINGS = frozenset(
    {"assessment", "assessments", "assessment methods", "assessment method",
     "how you will be assessed"}
)  # fmt: skip


@dataclass
class _Narrative:
    remainder: str
    outcomes: list[str] = field(default_factory=list)
    assessments: list[str] = field(default_factory=list)


def _items(lines: list[str]) -> tuple[list[str], list[str]]:
    """The list items of a section (continuation lines joined) and its other lines."""
    items: list[list[str]] = []
    other: list[str] = []
    open_item = False
    for line in lines:
        match = _ITEM.match(line)
        if match is not None:
            items.append([match.group(1).strip()])
            open_item = True
        elif not line.strip():
            open_item = False
        elif items and (open_item or line[:1] in (" ", "\t")):
            items[-1].append(line.strip())
            open_item = True
        else:
            other.append(line)
    return [" ".join(part for part in item if part) for item in items], other


def split_narrative(text: str) -> _Narrative:
    """The outcomes and assessments a criteria narrative lists under headings, and the rest.

    >>> n = split_narrative("Pass both parts.\\n\\n## Learning outcomes\\n\\n- Weld a joint\\n- Read a plan")
    >>> n.remainder, n.outcomes
    ('Pass both parts.', ['Weld a joint', 'Read a plan'])
    """
    segments: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match is not None:
            title = match.group(2).strip().rstrip(":").strip().lower()
            if title in _OUTCOME_HEADINGS:
                segments.append(("outcomes", []))
                continue
            if title in _ASSESSMENT_HEADINGS:
                segments.append(("assessments", []))
                continue
            segments.append((None, []))
        segments[-1][1].append(line)
    remainder: list[str] = []
    found = _Narrative("")
    for kind, lines in segments:
        if kind is None:
            remainder.extend(lines)
            continue
        items, other = _items(lines)
        if not items:
            remainder.extend(other)
            continue
        remainder.extend(other)
        (found.outcomes if kind == "outcomes" else found.assessments).extend(items)
    found.remainder = "\n".join(remainder).strip()
    return found


# -- building the descriptor ---------------------------------------------------------------


class _Builder:
    """The descriptor under construction, with each value's provenance and the findings."""

    def __init__(self, source: Document, source_format: str) -> None:
        self.source = source
        self.source_format = source_format
        self.data: dict[str, Any] = {}
        self.provenance: dict[str, Provenance] = {}
        self.findings: list[Finding] = []
        self.language: _Text | None = None

    def where(self, pointer: str) -> Provenance:
        position = self.source.source_map.locate(pointer)
        return Provenance(
            pointer, position.line if position else None, position.column if position else None
        )

    def note(self, path: Sequence[str | int], pointer: str) -> None:
        """Record where the descriptor value at ``path`` came from."""
        self.provenance.setdefault(_pointer(path), self.where(pointer))

    def put(self, path: Sequence[str | int], value: Any, pointer: str) -> None:
        """Set the descriptor value at ``path`` (creating mappings on the way)."""
        target = self.data
        for depth, token in enumerate(path[:-1]):
            child = target.get(str(token))
            if not isinstance(child, dict):
                child = target[str(token)] = {}
                self.note(path[: depth + 1], pointer)
            target = child
        target[str(path[-1])] = value
        self.note(path, pointer)

    def keep(self, key: str, value: Any, pointer: str) -> None:
        """Keep a source value under ``extensions.open_badges``."""
        self.put(("extensions", "open_badges", key), value, pointer)

    def finding(
        self, rule: str, message: str, pointer: str, severity: Severity = "warning"
    ) -> None:
        self.findings.append(self.source.finding(rule, message, pointer, severity=severity))

    def text(
        self, owner: Mapping[str, Any], key: str, base: str, *, own: bool = False
    ) -> _Text | None:
        """A non-empty string property of ``owner``, in any translated shape.

        ``own``: a text of the achievement itself, whose language is the achievement's.
        """
        pointer = join_pointer(base, key)
        picked = pick_text(owner.get(key), pointer)
        if picked is None or plain(picked.text) is None:
            return None
        if picked.languages > 1:
            self.finding(
                UNMAPPED,
                f"'{key}' is given in {picked.languages} languages; mcqa took the "
                f"{'English' if _is_english(picked.language) else 'first'} one",
                pointer,
                "info",
            )
        if own and picked.language and self.language is None:
            self.language = picked
        return picked

    def result(self) -> Imported:
        document = descriptor_document(self.source, self.data, self.provenance, self.source_format)
        return Imported(
            document=document,
            source_format=self.source_format,
            provenance=dict(sorted(self.provenance.items())),
            findings=tuple(sorted(self.findings, key=Finding.sort_key)),
        )


def _not_detected(source: Document, source_format: str, message: str) -> Imported:
    finding = source.finding(NOT_A_DESCRIPTOR, message, "")
    document = Document(
        path=source.path,
        data=None,
        source_map=SourceMap(),
        findings=(finding,),
        sha256=source.sha256,
        format=source_format,
    )
    return Imported(document=document, source_format=source_format, findings=(finding,))


def _identity(b: _Builder, badge: Mapping[str, Any], base: str, outer: Any = None) -> None:
    """``id`` and ``title``, which every descriptor needs (``outer``: the credential around)."""
    raw_id = badge.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        b.put(("id",), _descriptor_id(raw_id), join_pointer(base, "id"))
    else:
        b.put(("id",), f"{b.source_format}-{b.source.sha256[:12]}", base)
        b.finding(
            MISSING,
            "the achievement has no 'id'; mcqa made one from the file's contents, "
            "so give the achievement a stable URI",
            base,
        )
    name = b.text(badge, "name", base, own=True)
    fallback = None
    if name is None and isinstance(outer, dict):
        fallback = name = b.text(outer, "name", "")
    if name is not None:
        b.put(("title",), name.text, name.pointer)
        if name is fallback:
            b.finding(
                MISSING,
                "the achievement has no 'name'; mcqa took the credential's name as the title",
                base,
            )
    else:
        b.put(("title",), str(b.data["id"]), base)
        b.finding(MISSING, "the achievement has no 'name'; mcqa used its id as the title", base)


def _issuer(b: _Builder, profile: Any, pointer: str, path: tuple[str, ...] = ("issuer",)) -> bool:
    """An OB ``Profile`` (or its IRI) as the descriptor's issuer; whether one was read."""
    if isinstance(profile, str):
        b.keep("issuer", profile, pointer)
        b.finding(
            UNMAPPED,
            "the issuer is given only as a link to its profile, so its name and country "
            "are not in this document; add them to the descriptor",
            pointer,
            "info",
        )
        return False
    if not isinstance(profile, dict):
        return False
    values: list[tuple[tuple[str, ...], Any, str]] = []
    name = b.text(profile, "name", pointer)
    if name is not None:
        values.append(((*path, "name"), name.text, name.pointer))
    url = profile.get("url")
    if isinstance(url, str) and url.strip():
        values.append(((*path, "url"), url, join_pointer(pointer, "url")))
    address = profile.get("address")
    if isinstance(address, dict):
        where = join_pointer(pointer, "address")
        code, country = address.get("addressCountryCode"), address.get("addressCountry")
        if isinstance(code, str) and code.strip():
            values.append(
                ((*path, "country"), code.strip(), join_pointer(where, "addressCountryCode"))
            )
        elif isinstance(country, str) and country.strip():
            values.append(
                ((*path, "country"), _country_code(country), join_pointer(where, "addressCountry"))
            )
        region = address.get("addressRegion")
        if isinstance(region, str) and region.strip():
            values.append(((*path, "region"), region, join_pointer(where, "addressRegion")))
    parent = profile.get("parentOrg")
    if isinstance(parent, dict):
        parent_name = b.text(parent, "name", join_pointer(pointer, "parentOrg"))
        if parent_name is not None:
            values.append(((*path, "parent"), parent_name.text, parent_name.pointer))
    if not values:
        return False
    b.put(path, {}, pointer)
    for where_path, value, source_pointer in values:
        b.put(where_path, value, source_pointer)
    return True


def _country_code(country: str) -> str:
    """A country's ISO 3166-1 alpha-2 code when ``country`` names one exactly; else as written."""
    text = country.strip()
    if re.fullmatch(r"[A-Z]{2}", text):
        return text
    import pycountry  # loaded when first needed: it reads a database

    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return text
    return str(found.alpha_2)


# -- alignments ----------------------------------------------------------------------------


def _alignment_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(
        item.get(key)
        for key in ("targetName", "targetUrl", "targetCode", "targetFramework", "targetType")
    )


def _descriptor_alignment(item: Mapping[str, Any], *, infer_framework: bool) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, name in (
        ("targetFramework", "framework"),
        ("targetCode", "code"),
        ("targetName", "name"),
        ("targetUrl", "url"),
    ):
        value = item.get(key)
        if isinstance(value, str) and value:
            found[name] = value
    url = found.get("url", "")
    if infer_framework and "framework" not in found and _ESCO_URI.match(url):
        found["framework"] = "ESCO"
    return found


def _kept_alignment(item: Mapping[str, Any]) -> dict[str, Any]:
    """An alignment as kept under ``extensions`` (its OB names, without ``type``)."""
    return {
        key: item[key]
        for key in (
            "targetName", "targetUrl", "targetType", "targetCode", "targetFramework",
            "targetDescription",
        )
        if isinstance(item.get(key), str)
    }  # fmt: skip


def _level_value(item: Mapping[str, Any], eqf: bool) -> tuple[int | str, str] | None:
    """The level an alignment names, and the property that names it."""
    if eqf:
        for key in ("targetUrl", "targetCode", "targetName"):
            level = eqf_level(item.get(key))
            if level is not None:
                return level, key
        return None
    code = item.get("targetCode")
    if isinstance(code, str) and code.strip():
        return (int(code) if _DIGITS.match(code) else code), "targetCode"
    return None


def _is_eqf(item: Mapping[str, Any]) -> bool:
    kind, url, framework = (
        item.get("targetType"),
        item.get("targetUrl"),
        item.get("targetFramework"),
    )
    if kind == _EQF_TYPE:
        return True
    if isinstance(url, str) and eqf_level(url) is not None and url.startswith("http"):
        return True
    if isinstance(framework, str):
        text = framework.strip().lower()
        return text in ("eqf", "european qualifications framework") or text.startswith("eqf ")
    return False


def _is_occupation(item: Mapping[str, Any]) -> bool:
    kind, url, framework = (
        item.get("targetType"),
        item.get("targetUrl"),
        item.get("targetFramework"),
    )
    if kind == _OCCUPATION_TYPE:
        return True
    if isinstance(url, str) and (
        _ESCO_OCCUPATION.match(url) or framework_of(url) in (ONET_SOC, SOC_2018, ISCO_08)
    ):
        return True
    return isinstance(framework, str) and framework_of(framework) in (ONET_SOC, SOC_2018, ISCO_08)


def _occupation(item: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The occupation an alignment names, and the property each part came from."""
    found: dict[str, Any] = {}
    sources: dict[str, str] = {}
    url, code, name = item.get("targetUrl"), item.get("targetCode"), item.get("targetName")
    framework = item.get("targetFramework")
    esco = _ESCO_OCCUPATION.match(url) if isinstance(url, str) else None
    if isinstance(framework, str) and framework:
        found["framework"], sources["framework"] = framework, "targetFramework"
    elif esco is not None:
        found["framework"], sources["framework"] = "ESCO", "targetUrl"
    if isinstance(code, str) and code:
        found["code"], sources["code"] = code, "targetCode"
    elif esco is not None:
        found["code"], sources["code"] = esco.group(1), "targetUrl"
    if isinstance(name, str) and name and name != found.get("code"):
        found["title"], sources["title"] = name, "targetName"
    return found, sources


def _kind_of(item: Mapping[str, Any]) -> str:
    """What an alignment says: ``qa``, ``eqf``, ``level``, ``occupation``, ``link``,
    ``objective`` (a competency, skill or standard) or ``other``."""
    kind = item.get("targetType")
    explicit = {
        _QA_TYPE: "qa",
        _EQF_TYPE: "eqf",
        _LEVEL_TYPE: "level",
        _OCCUPATION_TYPE: "occupation",
    }
    if isinstance(kind, str) and kind in explicit:
        return explicit[kind]
    if isinstance(kind, str) and kind.lower() in _CREDENTIAL_LINKS:
        return "link"
    if _is_eqf(item):
        return "eqf"
    if _is_occupation(item):
        return "occupation"
    name = item.get("targetName")
    return "objective" if isinstance(name, str) and name.strip() else "other"


@dataclass
class _Alignments:
    """An achievement's alignments, sorted by what they say."""

    outcomes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(source pointer, alignment) of targets that are objectives: candidate outcomes."""


def _alignments(
    b: _Builder,
    badge: Mapping[str, Any],
    base: str,
    attached: set[tuple[Any, ...]],
) -> _Alignments:
    """Level, occupations and quality assurance from ``alignment[]``; the rest sorted."""
    sorted_out = _Alignments()
    where = join_pointer(base, "alignment")
    raw = badge.get("alignment")
    occupations: list[tuple[str, dict[str, Any], dict[str, str]]] = []
    for index, item in enumerate(_as_list(raw)):
        pointer = join_pointer(where, index) if isinstance(raw, list) else where
        if not isinstance(item, dict) or _alignment_key(item) in attached:
            continue
        kind = _kind_of(item)
        if kind == "qa" and "quality_assurance" not in b.data:
            _quality_assurance(b, item, pointer)
        elif kind in ("eqf", "level"):
            _level(b, item, pointer, eqf=kind == "eqf")
        elif kind == "occupation":
            occupations.append((pointer, *_occupation(item)))
        elif kind == "objective":
            sorted_out.outcomes.append((pointer, item))
        else:
            _keep_alignment(b, item, pointer)
    occupations = [entry for entry in occupations if entry[1]]
    if occupations:
        b.put(("relevance",), {}, where)
        b.put(("relevance", "occupations"), [o for _, o, _ in occupations], where)
        for index, (pointer, occupation, sources) in enumerate(occupations):
            b.note(("relevance", "occupations", index), pointer)
            for key in occupation:
                b.note(
                    ("relevance", "occupations", index, key), join_pointer(pointer, sources[key])
                )
    return sorted_out


def _keep_alignment(b: _Builder, item: Mapping[str, Any], pointer: str) -> None:
    kept = b.data.get("extensions", {}).get("open_badges", {}).get("alignment")
    if not isinstance(kept, list):
        kept = []
        b.keep("alignment", kept, pointer)
    kept.append(_kept_alignment(item))
    b.note(("extensions", "open_badges", "alignment", len(kept) - 1), pointer)


def _quality_assurance(b: _Builder, item: Mapping[str, Any], pointer: str) -> None:
    values: list[tuple[str, str, str]] = []
    description, name = item.get("targetDescription"), item.get("targetName")
    if isinstance(description, str) and description.strip():
        values.append(("approved_through", description, "targetDescription"))
    elif isinstance(name, str) and name.strip():
        values.append(("approved_through", name, "targetName"))
    for key, target in (("body", "targetFramework"), ("policy_url", "targetUrl")):
        value = item.get(target)
        if isinstance(value, str) and value.strip():
            values.append((key, value, target))
    if not values:
        return
    b.put(("quality_assurance",), {}, pointer)
    for key, value, target in values:
        b.put(("quality_assurance", key), value, join_pointer(pointer, target))


def _level(b: _Builder, item: Mapping[str, Any], pointer: str, *, eqf: bool) -> None:
    found = _level_value(item, eqf)
    framework: str | None = "EQF" if eqf else None
    if not eqf:
        named = item.get("targetFramework")
        framework = named if isinstance(named, str) and named.strip() else None
    if found is None:
        b.finding(
            AMBIGUOUS,
            "this alignment names a qualifications-framework level but mcqa cannot tell "
            "which level; set 'level' in the descriptor",
            pointer,
        )
        _keep_alignment(b, item, pointer)
        return
    value, key = found
    level: dict[str, Any] = {"value": value}
    if framework is not None:
        level = {"framework": framework, "value": value}
    if "level" in b.data:
        if b.data["level"] != level:
            b.finding(
                AMBIGUOUS,
                "the achievement aligns to two different qualifications-framework levels; "
                "mcqa kept the first",
                pointer,
            )
        return
    b.put(("level",), level, pointer)
    b.note(("level", "value"), join_pointer(pointer, key))
    if "framework" in level:
        framework_key = "targetFramework" if "targetFramework" in item else "targetType"
        b.note(("level", "framework"), join_pointer(pointer, framework_key))


# -- result descriptions: outcomes and assessments -----------------------------------------


def _own_id(value: Any, prefix: str) -> str | None:
    """The descriptor's own id inside an mcqa URN (``urn:mcqa:outcome:<d>:<id>``)."""
    if not isinstance(value, str) or not value.startswith(prefix):
        return None
    rest = value[len(prefix) :]
    if ":" not in rest:
        return None
    return unquote(rest.split(":", 1)[1])


def _passing_standard(result: Mapping[str, Any]) -> str | None:
    required = result.get("requiredValue")
    if isinstance(required, str) and required.strip():
        low, high = result.get("valueMin"), result.get("valueMax")
        allowed = [v for v in _as_list(result.get("allowedValue")) if isinstance(v, str)]
        if isinstance(low, str) and isinstance(high, str):
            return f"{required} on a scale from {low} to {high}"
        if allowed:
            return f"{required} (possible values: {', '.join(allowed)})"
        return required
    level = result.get("requiredLevel")
    if isinstance(level, str) and level.strip():
        for criterion in _as_list(result.get("rubricCriterionLevel")):
            if isinstance(criterion, dict) and criterion.get("id") == level:
                name = pick_text(criterion.get("name"))
                if name is not None and name.text.strip():
                    return f"at least the rubric level '{name.text}'"
        return f"at least the rubric level {level}"
    return None


def _results(
    b: _Builder, badge: Mapping[str, Any], base: str
) -> tuple[
    list[tuple[str, dict[str, Any], dict[str, str]]],
    list[tuple[str, dict[str, Any], dict[str, str]]],
    set[tuple[Any, ...]],
]:
    """Outcomes and assessments from ``resultDescription[]``, with their sources.

    Each entry is (pointer, descriptor value, descriptor key -> source pointer). The
    set holds the alignments attached to outcomes (not read again at the top).
    """
    where = join_pointer(base, "resultDescription")
    achievement_type = badge.get("assessmentType")
    outcomes: list[tuple[str, dict[str, Any], dict[str, str]]] = []
    assessments: list[tuple[str, dict[str, Any], dict[str, str]]] = []
    attached: set[tuple[Any, ...]] = set()
    raw = badge.get("resultDescription")
    for index, result in enumerate(_as_list(raw)):
        pointer = join_pointer(where, index) if isinstance(raw, list) else where
        if not isinstance(result, dict):
            continue
        sources: dict[str, str] = {}
        if result.get("resultType") == _OUTCOME_TYPE:
            statement = b.text(result, "name", pointer)
            if statement is None:
                b.finding(MISSING, "this learning outcome has no 'name' (its statement)", pointer)
                continue
            outcome: dict[str, Any] = {}
            own = _own_id(result.get("id"), _OUTCOME_URN)
            if own is not None:
                outcome["id"] = own
                sources["id"] = join_pointer(pointer, "id")
            outcome["statement"] = statement.text
            sources["statement"] = statement.pointer
            alignments = []
            for number_, item in enumerate(_as_list(result.get("alignment"))):
                if isinstance(item, dict):
                    attached.add(_alignment_key(item))
                    found = _descriptor_alignment(item, infer_framework=False)
                    if found:
                        alignments.append(found)
                        sources[f"alignments/{len(alignments) - 1}"] = join_pointer(
                            join_pointer(pointer, "alignment"), number_
                        )
            if alignments:
                outcome["alignments"] = alignments
                sources["alignments"] = join_pointer(pointer, "alignment")
            outcomes.append((pointer, outcome, sources))
            continue
        own_result = isinstance(result.get("id"), str) and result["id"].startswith(_ASSESSMENT_URN)
        assessment: dict[str, Any] = {}
        own = _own_id(result.get("id"), _ASSESSMENT_URN)
        if own is not None:
            assessment["id"] = own
            sources["id"] = join_pointer(pointer, "id")
        kind = result.get("assessmentType")
        if isinstance(kind, str) and kind.strip():
            assessment["type"] = kind
            sources["type"] = join_pointer(pointer, "assessmentType")
        elif isinstance(achievement_type, str) and achievement_type.strip():
            assessment["type"] = achievement_type
            sources["type"] = join_pointer(base, "assessmentType")
        description = b.text(result, "description", pointer)
        if description is None and not own_result:
            description = b.text(result, "name", pointer)
        if description is not None:
            assessment["description"] = description.text
            sources["description"] = description.pointer
        linked = []
        for number_, item in enumerate(_as_list(result.get("alignment"))):
            if isinstance(item, dict) and item.get("targetType") == _OUTCOME_TYPE:
                outcome_id = _own_id(item.get("targetUrl"), _OUTCOME_URN)
                if outcome_id is not None:
                    linked.append(outcome_id)
                    sources[f"outcomes/{len(linked) - 1}"] = join_pointer(
                        join_pointer(pointer, "alignment"), number_
                    )
        if linked:
            assessment["outcomes"] = linked
            sources["outcomes"] = join_pointer(pointer, "alignment")
        passing = _passing_standard(result)
        if passing is not None:
            assessment["passing_standard"] = passing
            sources["passing_standard"] = join_pointer(
                pointer, "requiredValue" if "requiredValue" in result else "requiredLevel"
            )
        assessments.append((pointer, assessment, sources))
    return outcomes, assessments, attached


def _put_list(
    b: _Builder,
    key: str,
    entries: list[tuple[str, dict[str, Any], dict[str, str]]],
    container: str,
) -> None:
    b.put((key,), [entry for _, entry, _ in entries], container)
    for index, (pointer, entry, sources) in enumerate(entries):
        b.note((key, index), pointer)
        for name in entry:
            b.note((key, index, name), sources.get(name, pointer))
        for name, source_pointer in sources.items():
            if "/" in name:
                head, tail = name.split("/", 1)
                b.note((key, index, head, int(tail)), source_pointer)


# -- the parts both versions share ---------------------------------------------------------


def _common(b: _Builder, badge: Mapping[str, Any], base: str, results: bool) -> None:
    """Description, criteria, alignments, outcomes, assessments and tags."""
    description = b.text(badge, "description", base, own=True)
    if description is not None:
        b.put(("description",), description.text, description.pointer)
    version = badge.get("version")
    if isinstance(version, str) and version.strip():
        b.put(("version",), version, join_pointer(base, "version"))

    outcomes, assessments, attached = _results(b, badge, base) if results else ([], [], set())
    aligned = _alignments(b, badge, base, attached)

    criteria_pointer = join_pointer(base, "criteria")
    criteria = badge.get("criteria")
    narrative: _Narrative | None = None
    narrative_pointer = join_pointer(criteria_pointer, "narrative")
    if isinstance(criteria, str) and criteria.strip():
        b.keep("criteria", {"id": criteria}, criteria_pointer)
        b.note(("extensions", "open_badges", "criteria", "id"), criteria_pointer)
    elif isinstance(criteria, dict):
        criteria_id = criteria.get("id")
        text = b.text(criteria, "narrative", criteria_pointer, own=True)
        if text is not None:
            narrative_pointer = text.pointer
            narrative = split_narrative(text.text)
        kept: dict[str, Any] = {}
        if isinstance(criteria_id, str) and criteria_id.strip():
            kept["id"] = criteria_id
        if narrative is not None and narrative.remainder:
            kept["narrative"] = narrative.remainder
        if kept:
            b.keep("criteria", kept, criteria_pointer)
            if "id" in kept:
                b.note(
                    ("extensions", "open_badges", "criteria", "id"),
                    join_pointer(criteria_pointer, "id"),
                )
            if "narrative" in kept:
                b.note(("extensions", "open_badges", "criteria", "narrative"), narrative_pointer)
        if (
            narrative is not None
            and narrative.remainder
            and not (narrative.outcomes or narrative.assessments)
            and not outcomes
            and not assessments
        ):
            b.finding(
                UNMAPPED,
                "the criteria narrative lists no learning outcomes or assessments under "
                "headings, so mcqa kept it under extensions.open_badges.criteria; state "
                "them in the descriptor",
                narrative_pointer,
                "info",
            )

    if not outcomes and narrative is not None and narrative.outcomes:
        for statement in narrative.outcomes:
            match = _BOLD_ID.match(statement)
            entry = (
                {"id": match.group("id"), "statement": match.group("rest").strip()}
                if match is not None
                else {"statement": statement}
            )
            outcomes.append((narrative_pointer, entry, {}))
    if not outcomes and aligned.outcomes:
        for pointer, item in aligned.outcomes:
            outcomes.append(
                (
                    pointer,
                    {
                        "statement": item["targetName"],
                        "alignments": [_descriptor_alignment(item, infer_framework=True)],
                    },
                    {"statement": join_pointer(pointer, "targetName"), "alignments/0": pointer},
                )
            )
    elif aligned.outcomes:
        for pointer, item in aligned.outcomes:
            _keep_alignment(b, item, pointer)
        b.finding(
            UNMAPPED,
            f"{len(aligned.outcomes)} alignment(s) of the achievement are not tied to any "
            "learning outcome, so mcqa kept them under extensions.open_badges.alignment; "
            "add them to the outcomes they support",
            join_pointer(base, "alignment"),
            "info",
        )
    if not assessments and narrative is not None and narrative.assessments:
        for item_text in narrative.assessments:
            assessments.append((narrative_pointer, {"description": item_text}, {}))
    for key, entries in (("learning_outcomes", outcomes), ("assessments", assessments)):
        if entries:
            _put_list(b, key, entries, entries[0][0])

    for key in ("tag", "tags"):
        tags = [t for t in _as_list(badge.get(key)) if isinstance(t, str) and t.strip()]
        if tags:
            b.keep("tag", tags, join_pointer(base, key))
            break


# -- Open Badges 3.0 -----------------------------------------------------------------------


def _ob3_achievement(data: Any) -> tuple[str, dict[str, Any]] | None:
    """Where the achievement stands in an OB 3.0 document, if it is one."""
    if not isinstance(data, dict) or not any(_OB3_CONTEXT.match(c) for c in _contexts(data)):
        return None
    types = _types(data.get("type"))
    if "Achievement" in types:
        return "", data
    if types & {"AchievementCredential", "OpenBadgeCredential"}:
        subject = data.get("credentialSubject")
        if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
            return "/credentialSubject/achievement", subject["achievement"]
    return None


_SUPERVISION: dict[str, str] = {
    "unsupervised with no identity verification": "none",
    "supervised with no identity verification": "supervised",
    "supervised online": "supervised",
    "onsite with identity verification": "supervised-id-check",
}


class OpenBadges3Importer:
    """Open Badges 3.0: an ``Achievement``, or the achievement of an ``OpenBadgeCredential``.

    >>> from mcqa.load import load_text
    >>> doc = load_text('''{"@context": ["https://www.w3.org/ns/credentials/v2",
    ...   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    ...   "id": "https://example.edu/achievements/1", "type": ["Achievement"],
    ...   "name": "Welding safety", "criteria": {"narrative": "Pass the test."},
    ...   "achievementType": "MicroCredential", "creditsAvailable": 3}''', format="json")
    >>> OpenBadges3Importer().detect(doc)
    True
    >>> imported = OpenBadges3Importer().convert(doc)
    >>> imported.document.data["title"], imported.document.data["type"]
    ('Welding safety', 'microcredential')
    >>> [(f.rule, f.line) for f in imported.findings if f.severity == "warning"]
    [('import-ambiguous', 5)]
    """

    ID: ClassVar[str] = "ob3"
    DESCRIPTION: ClassVar[str] = (
        "Open Badges 3.0 Achievement, AchievementCredential or OpenBadgeCredential (JSON-LD)"
    )

    def detect(self, source: Document) -> bool:
        """An OB 3.0 document (by its context) whose type is an achievement or a credential of one."""
        return _ob3_achievement(source.data) is not None

    def convert(self, source: Document) -> Imported:
        """The descriptor the achievement describes (see the module's mapping table)."""
        found = _ob3_achievement(source.data)
        if found is None:
            what = (
                "an EndorsementCredential, a claim about another credential or profile"
                if isinstance(source.data, dict)
                and "EndorsementCredential" in _types(source.data.get("type"))
                else "not an Open Badges 3.0 achievement or achievement credential"
            )
            return _not_detected(
                source, self.ID, f"this document is {what}, not a microcredential descriptor"
            )
        base, achievement = found
        credential = source.data if base else None
        b = _Builder(source, self.ID)
        _identity(b, achievement, base, credential)
        kind = achievement.get("achievementType")
        if isinstance(kind, str) and kind.strip():
            b.put(
                ("type",),
                achievement_type_to_descriptor(kind),
                join_pointer(base, "achievementType"),
            )
        language = achievement.get("inLanguage")
        url = achievement.get("url")
        if isinstance(url, str) and url.strip():
            b.put(("url",), url, join_pointer(base, "url"))

        self._issuer(b, credential, achievement, base)
        _common(b, achievement, base, results=True)
        self._workload(b, achievement, base)
        self._educredentials(b, achievement, base)
        for key in ("fieldOfStudy", "specialization", "humanCode"):
            text = b.text(achievement, key, base)
            if text is not None:
                b.keep(key, text.text, text.pointer)
        self._related(b, achievement, base)
        self._endorsements(b, achievement, base)

        if isinstance(language, str) and language.strip():
            b.put(("language",), language, join_pointer(base, "inLanguage"))
        elif b.language is not None and b.language.language:
            b.put(("language",), b.language.language, b.language.pointer)
        b.put(("credential",), {"format": "Open Badges 3.0"}, base or "")
        b.note(("credential", "format"), join_pointer(base, "type") if base else "/type")
        return b.result()

    @staticmethod
    def _issuer(
        b: _Builder, credential: Mapping[str, Any] | None, achievement: Mapping[str, Any], base: str
    ) -> None:
        """The credential's issuer; else the achievement's creator."""
        creator = achievement.get("creator")
        creator_pointer = join_pointer(base, "creator")
        issuer = credential.get("issuer") if credential is not None else None
        if issuer is None or not _issuer(b, issuer, "/issuer"):
            if creator is not None:
                _issuer(b, creator, creator_pointer)
            return
        if not isinstance(creator, dict) or not isinstance(issuer, dict):
            return
        creator_name = pick_text(creator.get("name"))
        if creator.get("id") == issuer.get("id") or creator_name is None:
            return
        if creator_name.text != b.data.get("issuer", {}).get("name"):
            summary = {"name": creator_name.text}
            if isinstance(creator.get("url"), str):
                summary["url"] = creator["url"]
            b.keep("creator", summary, creator_pointer)

    @staticmethod
    def _workload(b: _Builder, achievement: Mapping[str, Any], base: str) -> None:
        ects_pointer = join_pointer(base, "ECTS")
        ects = _nonnegative(achievement.get("ECTS")) if "ECTS" in achievement else None
        if "ECTS" in achievement:
            if ects is None:
                b.finding(
                    AMBIGUOUS, "'ECTS' is not a number of credits; mcqa left it out", ects_pointer
                )
            else:
                b.put(("workload", "ects"), _whole(ects), ects_pointer)
        if "SBU" in achievement:
            pointer = join_pointer(base, "SBU")
            hours = _nonnegative(achievement["SBU"])
            if hours is None:
                b.finding(
                    AMBIGUOUS,
                    "'SBU' is not a number of study-load hours; mcqa left it out",
                    pointer,
                )
            else:
                b.put(("workload", "hours"), _whole(hours), pointer)
        for key in ("timeInvestment", "volumeOfLearning"):
            if key not in achievement:
                continue
            pointer = join_pointer(base, key)
            value = achievement[key]
            hours = learning_hours(value)
            weeks = iso_duration_weeks(value) if isinstance(value, str) else None
            if hours is not None and "hours" not in b.data.get("workload", {}):
                b.put(("workload", "hours"), _whole(hours), pointer)
            elif weeks is not None and "duration_weeks" not in b.data.get("workload", {}):
                b.put(("workload", "duration_weeks"), _whole(weeks), pointer)
            elif hours is None and weeks is None:
                b.keep(key, value, pointer)
                b.finding(
                    AMBIGUOUS,
                    f"'{key}' is {value!r} without a unit (hours? days? weeks?), so mcqa did "
                    "not guess; set workload.hours in the descriptor",
                    pointer,
                )
        if "creditsAvailable" in achievement:
            pointer = join_pointer(base, "creditsAvailable")
            credits = _nonnegative(achievement["creditsAvailable"])
            if credits is not None and ects is not None and credits == ects:
                b.put(
                    ("stackability", "credit"), {"value": _whole(credits), "unit": "ECTS"}, pointer
                )
                b.note(("stackability", "credit", "value"), pointer)
                b.note(("stackability", "credit", "unit"), ects_pointer)
            else:
                b.keep("creditsAvailable", achievement["creditsAvailable"], pointer)
                b.finding(
                    AMBIGUOUS,
                    f"'creditsAvailable' is {achievement['creditsAvailable']!r} but the document "
                    "does not say in what unit (OB 3.0 says credit hours; platforms also write "
                    "ECTS credits there), so mcqa did not guess; set workload.ects or "
                    "workload.credit_hours in the descriptor",
                    pointer,
                )

    @staticmethod
    def _educredentials(b: _Builder, achievement: Mapping[str, Any], base: str) -> None:
        """The educredentials (Edubadges) terms: participation, supervision, identity check."""
        participation = achievement.get("participationType")
        pointer = join_pointer(base, "participationType")
        if participation == "online":
            b.put(("delivery", "mode"), "online", pointer)
        elif participation == "onsite or blended":
            b.keep("participationType", participation, pointer)
            b.finding(
                AMBIGUOUS,
                "'participationType' is 'onsite or blended', which does not say whether the "
                "credential is taught on site or blended; set delivery.mode in the descriptor",
                pointer,
            )
        elif isinstance(participation, str) and participation.strip():
            b.keep("participationType", participation, pointer)

        supervision = achievement.get("supervisionType")
        checked = achievement.get("identityChecked")
        supervision_pointer = join_pointer(base, "supervisionType")
        checked_pointer = join_pointer(base, "identityChecked")
        mapped = _SUPERVISION.get(supervision) if isinstance(supervision, str) else None
        if isinstance(supervision, str) and mapped is None:
            b.keep("supervisionType", supervision, supervision_pointer)
        if mapped is not None:
            if supervision == "supervised online" and checked is True:
                mapped = "supervised-id-check"
            conflict = (checked is True and mapped in ("none", "supervised")) or (
                checked is False and mapped == "supervised-id-check"
            )
            if conflict and supervision != "supervised online":
                b.finding(
                    AMBIGUOUS,
                    f"'supervisionType' is {supervision!r} but 'identityChecked' is "
                    f"{'true' if checked else 'false'}; mcqa cannot tell which is right, so it "
                    "left identity_verification unset",
                    checked_pointer,
                )
                return
            b.put(("identity_verification",), mapped, supervision_pointer)
        elif isinstance(checked, bool):
            b.finding(
                AMBIGUOUS,
                f"'identityChecked' is {'true' if checked else 'false'} but the document does "
                "not say whether the assessment is supervised; set identity_verification in "
                "the descriptor",
                checked_pointer,
            )
        if not any(entry for entry in b.data.get("assessments", [])) and isinstance(
            achievement.get("assessmentType"), str
        ):
            kind = achievement["assessmentType"]
            if kind.strip():
                b.put(("assessments",), [{"type": kind}], join_pointer(base, "assessmentType"))
                b.note(("assessments", 0), join_pointer(base, "assessmentType"))
                b.note(("assessments", 0, "type"), join_pointer(base, "assessmentType"))
        program = achievement.get("educationProgramIdentifier")
        if isinstance(program, str | int | float) and not isinstance(program, bool):
            b.keep(
                "educationProgramIdentifier",
                program,
                join_pointer(base, "educationProgramIdentifier"),
            )

    @staticmethod
    def _related(b: _Builder, achievement: Mapping[str, Any], base: str) -> None:
        where = join_pointer(base, "related")
        related = []
        for item in _as_list(achievement.get("related")):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                related.append(
                    {
                        key: item[key]
                        for key in ("id", "inLanguage", "version")
                        if isinstance(item.get(key), str)
                    }
                )
        if related:
            b.keep("related", related, where)

    @staticmethod
    def _endorsements(b: _Builder, achievement: Mapping[str, Any], base: str) -> None:
        where = join_pointer(base, "endorsement")
        summaries = []
        for item in _as_list(achievement.get("endorsement")):
            if not isinstance(item, dict):
                continue
            summary: dict[str, Any] = {}
            if isinstance(item.get("id"), str):
                summary["id"] = item["id"]
            issuer = item.get("issuer")
            name = pick_text(issuer.get("name")) if isinstance(issuer, dict) else None
            if name is not None:
                summary["issuer"] = name.text
            elif isinstance(issuer, str):
                summary["issuer"] = issuer
            subject = item.get("credentialSubject")
            comment = (
                pick_text(subject.get("endorsementComment")) if isinstance(subject, dict) else None
            )
            if comment is not None:
                summary["endorsementComment"] = comment.text
            for key in ("validFrom", "validUntil"):
                if isinstance(item.get(key), str):
                    summary[key] = item[key]
            summaries.append(summary)
        if summaries:
            b.keep("endorsement", summaries, where)
            b.finding(
                UNMAPPED,
                f"the achievement carries {len(summaries)} endorsement(s); mcqa kept who made "
                "them and what they say under extensions.open_badges.endorsement, without "
                "verifying them",
                where,
                "info",
            )


# -- Open Badges 2.0 -----------------------------------------------------------------------


def _ob2_badge(data: Any) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(data, dict) or not any(c in OB2_CONTEXTS for c in _contexts(data)):
        return None
    types = _types(data.get("type"))
    if "BadgeClass" in types:
        return "", data
    badge = data.get("badge")
    if (
        "Assertion" in types
        and isinstance(badge, dict)
        and "BadgeClass" in _types(badge.get("type"))
    ):
        return "/badge", badge
    return None


class OpenBadges2Importer:
    """Open Badges 2.0: a ``BadgeClass``, alone or embedded in an ``Assertion``.

    >>> from mcqa.load import load_text
    >>> doc = load_text('''{"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass",
    ...   "id": "https://example.org/badge.json", "name": "Robotics",
    ...   "criteria": "https://example.org/badge.html", "issuer": "https://example.org/org.json"}''',
    ...   format="json")
    >>> imported = OpenBadges2Importer().convert(doc)
    >>> imported.document.data["extensions"]["open_badges"]["criteria"]
    {'id': 'https://example.org/badge.html'}
    """

    ID: ClassVar[str] = "ob2"
    DESCRIPTION: ClassVar[str] = "Open Badges 2.0 BadgeClass (alone or in an Assertion)"

    def detect(self, source: Document) -> bool:
        """An OB 2.0 document (by its context) that is, or embeds, a ``BadgeClass``."""
        return _ob2_badge(source.data) is not None

    def convert(self, source: Document) -> Imported:
        """The descriptor the badge class describes (see the module's mapping table)."""
        found = _ob2_badge(source.data)
        if found is None:
            return _not_detected(
                source,
                self.ID,
                "this document is not an Open Badges 2.0 BadgeClass, nor an Assertion that "
                "embeds one, so it is not a microcredential descriptor",
            )
        base, badge = found
        b = _Builder(source, self.ID)
        _identity(b, badge, base)
        issuer = badge.get("issuer")
        if issuer is not None:
            _issuer(b, issuer, join_pointer(base, "issuer"))
        _common(b, badge, base, results=False)
        language = badge.get("@language")
        if not isinstance(language, str) and base:
            language = source.data.get("@language")
        if isinstance(language, str) and language.strip():
            b.put(("language",), language, join_pointer(base, "@language"))
        elif b.language is not None and b.language.language:
            b.put(("language",), b.language.language, b.language.pointer)
        b.put(("credential",), {"format": "Open Badges 2.0"}, base)
        b.note(("credential", "format"), join_pointer(base, "type"))
        return b.result()


# -- exporting -----------------------------------------------------------------------------


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _outcomes(descriptor: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    found: list[Mapping[str, Any]] = []
    for item in _as_list(descriptor.get("learning_outcomes")):
        if isinstance(item, str) and item:
            found.append({"statement": item})
        elif isinstance(item, Mapping) and _string(item.get("statement")) is not None:
            found.append(item)
    return found


def _result_id(prefix: str, descriptor_id: str, own: Any, index: int) -> str:
    head = prefix + quote(descriptor_id, safe="")
    if isinstance(own, str) and own:
        return f"{head}:{quote(own, safe='')}"
    return f"{head}/{index + 1}"


def _ob3_alignment(alignment: Mapping[str, Any]) -> dict[str, Any] | None:
    """A descriptor alignment as an OB 3.0 ``Alignment`` (which needs a name and an address)."""
    name, url = _string(alignment.get("name")), _string(alignment.get("url"))
    if name is None or url is None:
        return None
    out: dict[str, Any] = {"type": ["Alignment"], "targetName": name, "targetUrl": url}
    code, framework = _string(alignment.get("code")), _string(alignment.get("framework"))
    if code is not None:
        out["targetCode"] = code
    if framework is not None:
        out["targetFramework"] = framework
    return out


def _level_alignment(level: Mapping[str, Any]) -> dict[str, Any] | None:
    value = level.get("value")
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        return None
    framework = _string(level.get("framework"))
    if framework == "EQF" and isinstance(value, int) and 1 <= value <= 8:
        return {
            "type": ["Alignment"],
            "targetType": _EQF_TYPE,
            "targetName": f"EQF level {value}",
            "targetCode": str(value),
            "targetFramework": "European Qualifications Framework",
            "targetUrl": _EQF_URI.format(value),
        }
    out: dict[str, Any] = {
        "type": ["Alignment"],
        "targetType": _LEVEL_TYPE,
        "targetName": f"{framework} level {value}" if framework else f"Level {value}",
        "targetCode": str(value),
        "targetUrl": f"{_LEVEL_URN}{quote(framework or '', safe='')}:{quote(str(value), safe='')}",
    }
    if framework is not None:
        out["targetFramework"] = framework
    return out


def _occupation_alignment(occupation: Mapping[str, Any]) -> dict[str, Any] | None:
    title, code = _string(occupation.get("title")), _string(occupation.get("code"))
    framework = _string(occupation.get("framework"))
    name = title or code
    if name is None:
        return None
    if framework is not None and framework_of(framework) == "ESCO" and code and _UUID.match(code):
        url = f"http://data.europa.eu/esco/occupation/{code}"
    else:
        url = f"{_OCCUPATION_URN}{quote(framework or '', safe='')}:{quote(code or name, safe='')}"
    out: dict[str, Any] = {
        "type": ["Alignment"],
        "targetType": _OCCUPATION_TYPE,
        "targetName": name,
        "targetUrl": url,
    }
    if code is not None:
        out["targetCode"] = code
    if framework is not None:
        out["targetFramework"] = framework
    return out


def _kept_alignments(items: Any) -> Iterator[dict[str, Any]]:
    for item in _as_list(items):
        if not isinstance(item, Mapping):
            continue
        name, url = _string(item.get("targetName")), _string(item.get("targetUrl"))
        if name is None or url is None:
            continue
        out: dict[str, Any] = {"type": ["Alignment"], "targetName": name, "targetUrl": url}
        for key in ("targetCode", "targetFramework", "targetDescription"):
            if _string(item.get(key)) is not None:
                out[key] = item[key]
        kind = _string(item.get("targetType"))
        if kind is not None and (kind in _ALIGNMENT_TARGET_TYPES or _EXT_TERM.match(kind)):
            out["targetType"] = kind
        yield out


def _item(marker: str, text: str) -> str:
    """One Markdown list item; continuation lines indented under it."""
    return marker + text.replace("\n", "\n" + " " * len(marker))


def _narrative(
    remainder: str | None,
    outcomes: list[Mapping[str, Any]],
    assessments: list[Mapping[str, Any]],
) -> str:
    parts = [remainder] if remainder else []
    if outcomes:
        lines = []
        for outcome in outcomes:
            own = _string(outcome.get("id"))
            statement = str(outcome["statement"])
            shown = (
                f"**{own}** {statement}"
                if own and re.fullmatch(r"[A-Za-z0-9._-]{1,20}", own)
                else statement
            )
            lines.append(_item("- ", shown))
        parts.append("## Learning outcomes\n\n" + "\n".join(lines))
    if assessments:
        lines = []
        for assessment in assessments:
            kind = _string(assessment.get("type"))
            text = _string(assessment.get("description"))
            shown = (
                ": ".join(part for part in (kind.capitalize() if kind else None, text) if part)
                or "Assessment"
            )
            linked = [o for o in _as_list(assessment.get("outcomes")) if isinstance(o, str)]
            if linked:
                shown += f" (outcomes {', '.join(linked)})"
            passing = _string(assessment.get("passing_standard"))
            if passing:
                shown += f". To pass: {passing}"
            lines.append(_item("- ", shown))
        parts.append("## Assessment\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def _profile(issuer: Mapping[str, Any], fallback_id: str) -> dict[str, Any]:
    name, url = _string(issuer.get("name")), _string(issuer.get("url"))
    profile_id = (
        _string(issuer.get("id")) or url or _ISSUER_URN + quote(name or fallback_id, safe="")
    )
    profile: dict[str, Any] = {"id": profile_id, "type": ["Profile"]}
    if name is not None:
        profile["name"] = name
    if url is not None:
        profile["url"] = url
    email = _string(issuer.get("email"))
    if email is not None:
        profile["email"] = email
    address: dict[str, Any] = {}
    country, region = _string(issuer.get("country")), _string(issuer.get("region"))
    if country is not None:
        address["addressCountryCode"] = country
    if region is not None:
        address["addressRegion"] = region
    if address:
        profile["address"] = {"type": ["Address"], **address}
    parent = _string(issuer.get("parent"))
    if parent is not None:
        profile["parentOrg"] = {
            "id": _ISSUER_URN + quote(parent, safe=""),
            "type": ["Profile"],
            "name": parent,
        }
    return profile


def export_ob3_achievement(descriptor: Mapping[str, Any]) -> dict[str, Any]:
    """The descriptor as an Open Badges 3.0 ``Achievement`` (see the module's mapping table).

    The result validates against the ``Achievement`` of the official OB 3.0 JSON Schema;
    put it in an ``OpenBadgeCredential``'s ``credentialSubject.achievement`` to issue it.
    ``descriptor`` is plain descriptor data (a loaded file, or a model's ``model_dump()``).

    >>> a = export_ob3_achievement({"id": "weld-1", "title": "Welding safety",
    ...     "type": "microcredential", "level": {"framework": "EQF", "value": 4}})
    >>> a["id"], a["achievementType"], a["alignment"][0]["targetUrl"]
    ('urn:mcqa:descriptor:weld-1', 'MicroCredential', 'http://data.europa.eu/snb/eqf/4')
    """
    did = str(descriptor.get("id") or "")
    achievement: dict[str, Any] = {
        "id": achievement_id(did),
        "type": ["Achievement"],
        "name": str(descriptor.get("title") or did),
        "description": _string(descriptor.get("description")) or "",
    }
    kept = _mapping(_mapping(descriptor.get("extensions")).get("open_badges"))
    outcomes = _outcomes(descriptor)
    assessments = [a for a in _as_list(descriptor.get("assessments")) if isinstance(a, Mapping)]

    criteria: dict[str, Any] = {}
    kept_criteria = _mapping(kept.get("criteria"))
    if _string(kept_criteria.get("id")) is not None:
        criteria["id"] = kept_criteria["id"]
    narrative = _narrative(_string(kept_criteria.get("narrative")), outcomes, assessments)
    if narrative:
        criteria["narrative"] = narrative
    achievement["criteria"] = criteria

    kind = _string(descriptor.get("type"))
    if kind is not None:
        achievement["achievementType"] = descriptor_type_to_ob3(kind)

    alignments: list[dict[str, Any]] = []
    level = _mapping(descriptor.get("level"))
    level_alignment = _level_alignment(level) if level else None
    if level_alignment is not None:
        alignments.append(level_alignment)
    for occupation in _as_list(_mapping(descriptor.get("relevance")).get("occupations")):
        if isinstance(occupation, Mapping):
            found = _occupation_alignment(occupation)
            if found is not None:
                alignments.append(found)
    quality = _mapping(descriptor.get("quality_assurance"))
    route, policy = _string(quality.get("approved_through")), _string(quality.get("policy_url"))
    if route is not None and policy is not None:
        qa: dict[str, Any] = {
            "type": ["Alignment"],
            "targetType": _QA_TYPE,
            "targetName": route,
            "targetUrl": policy,
        }
        if _string(quality.get("body")) is not None:
            qa["targetFramework"] = quality["body"]
        alignments.append(qa)
    results: list[dict[str, Any]] = []
    for index, outcome in enumerate(outcomes):
        result: dict[str, Any] = {
            "id": _result_id(_OUTCOME_URN, did, outcome.get("id"), index),
            "type": ["ResultDescription"],
            "name": str(outcome["statement"]),
            "resultType": _OUTCOME_TYPE,
        }
        own = [
            found
            for found in (
                _ob3_alignment(a)
                for a in _as_list(outcome.get("alignments"))
                if isinstance(a, Mapping)
            )
            if found is not None
        ]
        if own:
            result["alignment"] = own
            for found in own:
                if found not in alignments:
                    alignments.append(found)
        results.append(result)
    statements = {
        str(o["id"]): str(o["statement"]) for o in outcomes if _string(o.get("id")) is not None
    }
    for index, assessment in enumerate(assessments):
        kind = _string(assessment.get("type"))
        result = {
            "id": _result_id(_ASSESSMENT_URN, did, assessment.get("id"), index),
            "type": ["ResultDescription"],
            "name": kind or "Assessment",
            "resultType": "Status",
        }
        if kind is not None:
            result["assessmentType"] = kind
        description = _string(assessment.get("description"))
        if description is not None:
            result["description"] = description
        passing = _string(assessment.get("passing_standard"))
        if passing is not None:
            result["requiredValue"] = passing
        links = [
            {
                "type": ["Alignment"],
                "targetType": _OUTCOME_TYPE,
                "targetName": statements.get(own_id, own_id),
                "targetUrl": _result_id(_OUTCOME_URN, did, own_id, 0),
            }
            for own_id in _as_list(assessment.get("outcomes"))
            if isinstance(own_id, str) and own_id
        ]
        if links:
            result["alignment"] = links
        results.append(result)
    alignments.extend(_kept_alignments(kept.get("alignment")))
    if alignments:
        achievement["alignment"] = alignments
    if results:
        achievement["resultDescription"] = results

    issuer = _mapping(descriptor.get("issuer"))
    if issuer:
        achievement["creator"] = _profile(issuer, did)
    language = _string(descriptor.get("language"))
    if language is not None and _OB3_LANGUAGE.match(_canonical_language(language)):
        achievement["inLanguage"] = _canonical_language(language)
    for key in ("version", "url"):
        if _string(descriptor.get(key)) is not None:
            achievement[key] = descriptor[key]
    credit_hours = _mapping(descriptor.get("workload")).get("credit_hours")
    if isinstance(credit_hours, int | float) and not isinstance(credit_hours, bool):
        achievement["creditsAvailable"] = float(credit_hours)

    tags = [t for t in _as_list(kept.get("tag")) if isinstance(t, str)]
    if tags:
        achievement["tag"] = tags
    for key in ("fieldOfStudy", "specialization", "humanCode"):
        if _string(kept.get(key)) is not None:
            achievement[key] = kept[key]
    related = []
    for item in _as_list(kept.get("related")):
        if isinstance(item, Mapping) and _string(item.get("id")) is not None:
            entry: dict[str, Any] = {"id": item["id"], "type": ["Related"]}
            if _string(item.get("inLanguage")) is not None and _OB3_LANGUAGE.match(
                item["inLanguage"]
            ):
                entry["inLanguage"] = item["inLanguage"]
            if _string(item.get("version")) is not None:
                entry["version"] = item["version"]
            related.append(entry)
    if related:
        achievement["related"] = related
    return achievement


_DECISIONS = {
    "conformant": "conformant",
    "not_conformant": "not conformant",
    "pending_review": "pending review (reviewers have not yet judged every standard)",
    "error": "not scored (the descriptor could not be read)",
}


def _figure(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _timestamp(when: datetime | date | str | None) -> str:
    if isinstance(when, str):
        return when
    if when is None:
        when = datetime.now(timezone.utc)
    if not isinstance(when, datetime):
        return f"{when.isoformat()}T00:00:00Z"
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def export_endorsement(
    descriptor: Mapping[str, Any],
    result: DescriptorResult,
    rubric_ref: str,
    issuer: Mapping[str, Any],
    *,
    when: datetime | date | str | None = None,
) -> dict[str, Any]:
    """An unsigned OB 3.0 ``EndorsementCredential`` stating a descriptor's conformance result.

    Its subject is the achievement :func:`export_ob3_achievement` makes of
    ``descriptor`` (the same id), and its ``endorsementComment`` says which rubric
    (``rubric_ref``, ``id@version``) judged it, the decision, the score, the
    essential standards met and the date. ``issuer`` is whoever stands behind the
    review (``id``, ``name``, ``url``, ``email``; an id or a name is required).
    ``when`` is the date of the review (default: now, UTC). Sign the credential
    with your own issuing service before publishing it.

    Raises ``ValueError`` when the endorser has neither an id, a web address nor a name.
    """
    if not any(_string(issuer.get(key)) for key in ("id", "url", "name")):
        raise ValueError("the endorser needs an 'id', a 'url' or a 'name'")
    stamp = _timestamp(when)
    subject_id = achievement_id(str(descriptor.get("id") or result.descriptor_id or ""))
    title = _string(descriptor.get("title")) or subject_id
    comment = [f"Conformance to {rubric_ref}: {_DECISIONS.get(result.decision, result.decision)}."]
    if result.score is not None:
        comment.append(
            f"Score {_figure(result.score.percent)} % ({_figure(result.score.earned)} of "
            f"{_figure(result.score.possible)} points)."
        )
    if result.essentials is not None:
        comment.append(
            f"Essential standards met: {result.essentials.met} of {result.essentials.total}."
        )
    if result.band:
        comment.append(f"Band: {result.band}.")
    if result.checks_passed is not None:
        comment.append(
            "Automated checks: all passed."
            if result.checks_passed
            else "Automated checks: at least one failed."
        )
    comment.append(f"Reviewed on {stamp[:10]}.")
    if result.sha256:
        comment.append(f"Descriptor SHA-256: {result.sha256}.")
    seed = "|".join((subject_id, rubric_ref, result.decision, stamp, result.sha256 or ""))
    return {
        "@context": [VC2_CONTEXT, OB3_CONTEXT],
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": f"Conformance to {rubric_ref}: {title}",
        "issuer": _profile(issuer, rubric_ref),
        "validFrom": stamp,
        "credentialSubject": {
            "id": subject_id,
            "type": ["EndorsementSubject"],
            "endorsementComment": " ".join(comment),
        },
        "credentialSchema": [{"id": _ENDORSEMENT_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
