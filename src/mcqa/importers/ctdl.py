"""CTDL (Credential Engine) in and out: JSON-LD credential records as descriptors, and back.

The Credential Transparency Description Language describes credentials
(``ceterms:MicroCredential``, ``DigitalBadge``, ``Certificate``, degrees, ...)
and learning opportunities (``ceterms:LearningProgram``, ``Course``) as JSON-LD,
published to the Credential Registry one record at a time or as an ``@graph``.

Reading (:class:`CtdlImporter`)
-------------------------------

- **Which node.** A single record is read as it is. In an ``@graph`` the
  credential node is the descriptor; a learning opportunity is read only when
  the graph holds no credential. Among several candidates, the one no other
  node points at is taken (a programme rather than its courses); when that
  still leaves more than one, the first is taken with an ``import-ambiguous``
  warning naming the others. A record holding only organizations (or other
  classes) is not a descriptor: :meth:`CtdlImporter.detect` refuses it.
- **Learning programmes and courses are descriptors.** Many microcredentials
  are published as a ``ceterms:LearningProgram`` or ``Course`` (often with a
  badge). What the standard judges (outcomes, workload, assessment, cost) is
  said about the learning, so such a record becomes a descriptor of type
  ``learning-program`` or ``course``. The older ``LearningOpportunityProfile``
  counts as one too.
- **References** (``"ceterms:ownedBy": ["https://..."]``, ``{"@id": "_:b0"}``)
  are resolved against the nodes of the same document only; nothing is ever
  fetched. A reference to a record outside the document is kept in
  ``extensions.ctdl`` where it matters (owners) and reported as
  ``import-unresolved`` (info).
- **Text** may be a string, a language map (``{"en-US": "..."}``) or a value
  object (``{"@value": ..., "@language": ...}``). English is taken when given
  (``en`` or ``en-...``), else the first language; ``language`` comes from
  ``ceterms:inLanguage``, else from the tag of the name.
- **Nothing is guessed.** A duration in months or years, a range, two
  different prices, credits without a unit, a currency or country name that
  is not an ISO code or name, several delivery modes: each is an
  ``import-ambiguous`` warning at the source value and the field is left
  unset. CTDL values with no place in a descriptor are ``import-lost`` (info),
  one per property, at its key.
- **The pre-release draft** (``ctdl:`` prefix, ``"ctdl": "[CTI Namespace Not
  Determined Yet]"``) is read with the same mapping where its properties have
  today's names (``ctdl:owner`` as ``ownedBy``, ``ctdl:url`` as
  ``subjectWebpage``); an ``import-incomplete`` warning says so, and the other
  draft properties are reported as lost.

Mapping, CTDL to descriptor:

=======================================================  ==========================================
CTDL                                                     descriptor
=======================================================  ==========================================
``ceterms:ctid``                                         ``id`` (see "Identifiers" below)
``@id`` (no ctid)                                        ``id``
``@type``                                                ``type`` (``microcredential``, ``badge``,
                                                         ``certificate``, ``certification``,
                                                         ``degree``, ``diploma``, ``license``,
                                                         ``course``, ``learning-program``); the
                                                         exact class in ``extensions.ctdl.type``
                                                         when it is not the one ``type`` exports to
``ceterms:name``                                         ``title``
``ceterms:description``                                  ``description``
``ceterms:inLanguage``                                   ``language`` (one value)
``ceterms:subjectWebpage``                               ``url``
``ceterms:versionIdentifier``                            ``version``
``credentialStatusType`` / ``lifeCycleStatusType``       ``status`` (``credentialStat:TeachOut``
                                                         -> ``teach-out``)
``ownedBy`` (else ``offeredBy``): name,                  ``issuer``: ``name``, ``url``,
``subjectWebpage``, ``address`` country and region,      ``country`` (ISO 3166-1 alpha-2),
``parentOrganization``                                   ``region``, ``parent``
further ``ownedBy`` organizations                        ``co_issuers``
``audienceLevelType``                                    ``audience.level`` (``audLevel:BeginnerLevel``
                                                         -> ``beginner``; several joined by ``, ``)
``recommends`` (ConditionProfile description)            ``audience.prior_knowledge``
``requires`` / ``entryCondition`` description,           ``prerequisites`` (one text, or a list)
``condition``
``creditValue`` (ValueProfile, also inside               ``workload.credit_hours`` (SemesterHour),
``requires``), legacy ``creditUnitValue`` /              ``workload.ceus`` (ContinuingEducationUnit),
``creditHourValue``                                      ``workload.ects`` (described as ECTS),
                                                         else ``stackability.credit``
``estimatedDuration`` ``exactDuration``                  ``workload.hours`` (``PT45H``),
                                                         ``workload.duration_weeks`` (``P6W``)
``estimatedCost`` (CostProfile)                          ``cost.amount``, ``currency``, ``includes``
                                                         (description); other profiles'
                                                         descriptions ``additional_fees``
``financialAssistance``                                  ``cost.financial_aid`` (``programs``,
                                                         ``statement``)
``learningDeliveryType`` / ``deliveryType``              ``delivery.mode``
``isPartOf``, ``isPreparationFor`` ``targetCredential``  ``stackability.stacks_into``
``occupationType`` (CredentialAlignmentObject)           ``relevance.occupations``
``teaches``, ``targetCompetency`` (statements)           ``learning_outcomes``
``targetAssessment`` (AssessmentProfile)                 ``assessments``
``accreditedBy`` / ``regulatedBy`` / ``approvedBy`` /    ``quality_assurance.type`` (``accredited``,
``recognizedBy``                                         ...) and ``body``
``keyword``, ``industryType``, ``hasPart``,              ``extensions.ctdl``
``costDetails``, unresolved owners
=======================================================  ==========================================

A ``requires`` ConditionProfile that names what must be completed (credits,
assessments, competencies, learning opportunities or credentials) says how the
credential is earned, not what a learner needs before starting: its
description is reported as lost rather than read as a prerequisite. A
competency given only by a short name (three words or fewer, such as ``Cloud
Computing``) names a skill, not an outcome, and is not read as one; a
``ceasn:competencyText`` and a competency's description always are.

Writing (:func:`export_ctdl`)
-----------------------------

The export is one JSON-LD object in today's registry encoding (context
``https://credreg.net/ctdl/schema/context/json``, language maps keyed by the
descriptor's ``language``; plain strings when it has none), carrying the table
above in reverse, with these choices:

- ``@type`` from ``type`` (``badge`` -> ``DigitalBadge``, ``degree`` ->
  ``Degree``, anything unknown -> ``MicroCredential``), or the class kept in
  ``extensions.ctdl.type``;
- **Identifiers**: a descriptor id that is a CTID (``ce-`` + UUID) is the
  ``ceterms:ctid``; any other id ``X`` gets the stable CTID
  ``ce-`` + ``uuid5(NAMESPACE_URL, "urn:mcqa:descriptor:" + X)`` (see
  :func:`ctid_for`) and travels as ``ceterms:codedNotation``. The importer
  gives such a record back the id ``X``: it takes the coded notation as the id
  exactly when the ctid is the one derived from it. ``@id`` is the registry
  resource address of the ctid. Two catalogs that use the same id get the same
  CTID, so a catalog publishing to the registry should use CTIDs as ids;
- the issuer and co-issuers are written inline as ``ceterms:ownedBy``
  organizations (name, web page, address with country and region, parent);
  quality assurance as an inline ``QACredentialOrganization`` under the role
  its ``type`` names;
- credits, assessments (and, for a credential, its credit value) go in a
  ``requires`` ConditionProfile that describes how the credential is earned;
  each prerequisite in a ConditionProfile of its own; outcomes as inline
  ``ceasn:Competency`` objects under ``ceterms:teaches``;
- hours as ``PT<n>H`` and weeks as ``P<n>W`` DurationProfiles (six decimals at
  most).

What the export cannot carry (CTDL has no place for it): ``level`` (EQF and
other framework levels), ``identity_verification``, ``credential``,
``accessibility``, ``equity``, ``outcomes_data``, ``contact``,
``audience.description``, ``relevance`` other than occupations,
``workload.pace``, ``delivery.schedule``, outcomes' ``bloom_level`` and
``alignments``, assessments' ``outcomes``, ``stackability.transcripted`` and
``learner_record``, ``cost.scholarships`` and ``refund_policy_url``,
``financial_aid.eligible: false``, ``quality_assurance`` beyond ``type`` (one
of the four roles) and ``body``, a ``status`` outside the CTDL vocabulary
(``retired`` is written as ``Deprecated``), ``extensions`` other than
``extensions.ctdl``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import Any, ClassVar

from mcqa.importers._base import Imported, Provenance, descriptor_document
from mcqa.importers._units import (
    iso_duration_hours,
    iso_duration_weeks,
    iso_hours_duration,
    iso_weeks_duration,
    number,
)
from mcqa.load import Document, join_pointer
from mcqa.models.descriptor import Descriptor, Issuer
from mcqa.models.finding import Finding, Severity

#: Entries kept by each cache of values read from files: bounded, so that a large
#: catalog's many distinct codes and ids cannot grow a process without end.
_CACHED = 4096

__all__ = ["CTDL_CONTEXT", "CtdlImporter", "ctid_for", "export_ctdl"]

#: The JSON-LD context of today's registry records.
CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"

#: Where the registry serves a record by its CTID (the ``@id`` of an export).
REGISTRY_RESOURCES = "https://credentialengineregistry.org/resources/"

_CTID = re.compile(
    r"^ce-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_TERM = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_CAMEL_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_FIGURE = r"(?:\d+(?:[.,]\d+)?)"
_ISO_DURATION = re.compile(
    rf"^P(?=\d|T\d)(?:{_FIGURE}Y)?(?:{_FIGURE}M)?(?:{_FIGURE}W)?(?:{_FIGURE}D)?"
    rf"(?:T(?=\d)(?:{_FIGURE}H)?(?:{_FIGURE}M)?(?:{_FIGURE}S)?)?$"
)

RULE_AMBIGUOUS = "import-ambiguous"
RULE_LOST = "import-lost"
RULE_UNRESOLVED = "import-unresolved"
RULE_INCOMPLETE = "import-incomplete"
RULE_MISSING = "import-missing"
RULE_NOT_DESCRIPTOR = "import-not-descriptor"

# -- vocabularies ----------------------------------------------------------------------

#: Credential classes of CTDL (any class whose name ends like one of _CREDENTIAL_ENDINGS
#: is read as a credential too).
_CREDENTIAL_CLASSES = frozenset(
    (
        "AcademicCertificate",
        "ApprenticeshipCertificate",
        "AssociateDegree",
        "AssociateOfAppliedArtsDegree",
        "AssociateOfAppliedScienceDegree",
        "AssociateOfArtsDegree",
        "AssociateOfScienceDegree",
        "BachelorDegree",
        "BachelorOfArtsDegree",
        "BachelorOfScienceDegree",
        "Badge",
        "BasicTechnicalCertificate",
        "Certificate",
        "CertificateOfCompletion",
        "CertificateOfParticipation",
        "Certification",
        "Credential",
        "Degree",
        "DigitalBadge",
        "Diploma",
        "DoctoralDegree",
        "GeneralEducationDevelopment",
        "JourneymanCertificate",
        "License",
        "MasterCertificate",
        "MasterDegree",
        "MasterOfArtsDegree",
        "MasterOfScienceDegree",
        "MicroCredential",
        "OpenBadge",
        "ProfessionalCertificate",
        "ProfessionalDoctorate",
        "QualityAssuranceCredential",
        "ResearchDoctorate",
        "SecondarySchoolDiploma",
        "SpecialistDegree",
    )
)
_CREDENTIAL_ENDINGS = (
    "Degree",
    "Diploma",
    "Certificate",
    "Certification",
    "Credential",
    "Badge",
    "Doctorate",
    "License",
)
_LEARNING_CLASSES = frozenset(
    {"LearningProgram", "Course", "LearningOpportunityProfile", "LearningOpportunity"}
)

#: Descriptor ``type`` -> the CTDL class an export uses.
_EXPORT_CLASS: dict[str, str] = {
    "microcredential": "MicroCredential",
    "badge": "DigitalBadge",
    "certificate": "Certificate",
    "certification": "Certification",
    "degree": "Degree",
    "diploma": "Diploma",
    "license": "License",
    "course": "Course",
    "learning-program": "LearningProgram",
    "learning-opportunity": "LearningOpportunityProfile",
    "quality-assurance-credential": "QualityAssuranceCredential",
    "credential": "Credential",
}


def _descriptor_type(name: str) -> str:
    """The descriptor ``type`` of a CTDL class.

    >>> _descriptor_type("OpenBadge"), _descriptor_type("BachelorOfScienceDegree")
    ('badge', 'degree')
    >>> _descriptor_type("CertificateOfCompletion"), _descriptor_type("SecondarySchoolDiploma")
    ('certificate', 'diploma')
    """
    if name in ("Badge", "DigitalBadge", "OpenBadge"):
        return "badge"
    if name == "GeneralEducationDevelopment":
        return "diploma"
    for known, cls in _EXPORT_CLASS.items():
        if cls == name:
            return known
    for ending, kind in (
        ("Degree", "degree"),
        ("Doctorate", "degree"),
        ("Diploma", "diploma"),
        ("Certificate", "certificate"),
    ):
        if name.endswith(ending) or name.startswith(ending):
            return kind
    return _kebab(name)


def _kebab(term: str) -> str:
    """``TeachOut`` -> ``teach-out``, ``DegreeCredit`` -> ``degree-credit``."""
    return "-".join(w.lower() for w in _CAMEL_WORD.findall(term))


def _pascal(text: str) -> str:
    """``teach-out`` -> ``TeachOut``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-\s]+", text) if part)


_CREDENTIAL_STATUS = frozenset(
    {"Active", "Ceasing", "Deprecated", "Probationary", "Suspended", "TeachOut"}
)
_LIFE_CYCLE_STATUS = frozenset({"Active", "Ceasing", "Developing", "Suspended", "TeachOut"})

#: The audience levels of CTDL's AudienceLevel scheme written as words (``beginner``).
_AUDIENCE_LEVELS = frozenset(
    (
        "AdvancedLevel",
        "AssociatesDegreeLevel",
        "BachelorsDegreeLevel",
        "BeginnerLevel",
        "DoctoralDegreeLevel",
        "FirstProfessionalDegreeLevel",
        "GraduateLevel",
        "IntermediateLevel",
        "LowerDivisionLevel",
        "MastersDegreeLevel",
        "PostSecondaryLevel",
        "ProfessionalLevel",
        "SecondaryLevel",
        "UndergraduateLevel",
        "UpperDivisionLevel",
        "PostBaccalaureateLevel",
        "PostMastersLevel",
        "PostDoctoralLevel",
        "ProfessionalDegreeLevel",
    )
)


def _level_words(term: str) -> str:
    """``BachelorsDegreeLevel`` -> ``bachelors degree``."""
    if term.endswith("Level") and len(term) > len("Level"):
        term = term[: -len("Level")]
    return " ".join(w.lower() for w in _CAMEL_WORD.findall(term))


_LEVEL_TERMS = {_level_words(term): term for term in _AUDIENCE_LEVELS}

_DELIVERY_IN = {
    "OnlineOnly": "online",
    "OnlineDelivery": "online",
    "InPerson": "on-site",
    "InPersonOnly": "on-site",
    "BlendedDelivery": "blended",
}
_DELIVERY_OUT = {"online": "OnlineOnly", "on-site": "InPerson", "blended": "BlendedDelivery"}

_ASSESSMENT_METHODS = {"exam": "Exam", "artifact": "Artifact", "performance": "Performance"}

#: Credit units read into ``workload`` rather than ``stackability.credit``.
_WORKLOAD_UNITS = {"SemesterHour": "credit_hours", "ContinuingEducationUnit": "ceus"}
_ECTS_NAMES = frozenset(
    {
        "ects",
        "ects credit",
        "ects credits",
        "european credit transfer and accumulation system",
        "european credit transfer and accumulation system credits",
    }
)

#: The quality-assurance roles, strongest first.
_QA_ROLES: tuple[tuple[str, str], ...] = (
    ("accreditedBy", "accredited"),
    ("regulatedBy", "regulated"),
    ("approvedBy", "approved"),
    ("recognizedBy", "recognized"),
)

#: Draft (``ctdl:``) properties read under today's name.
_DRAFT_NAMES = {"owner": "ownedBy", "url": "subjectWebpage"}

#: Properties of a credential or learning opportunity that the importer reads.
_HANDLED = frozenset(
    (
        "ctid",
        "name",
        "description",
        "inLanguage",
        "subjectWebpage",
        "versionIdentifier",
        "credentialStatusType",
        "lifeCycleStatusType",
        "ownedBy",
        "offeredBy",
        "audienceLevelType",
        "recommends",
        "requires",
        "entryCondition",
        "creditValue",
        "creditUnitValue",
        "creditUnitType",
        "creditHourValue",
        "creditHourType",
        "creditUnitTypeDescription",
        "estimatedDuration",
        "estimatedCost",
        "financialAssistance",
        "learningDeliveryType",
        "deliveryType",
        "isPartOf",
        "isPreparationFor",
        "occupationType",
        "industryType",
        "teaches",
        "targetCompetency",
        "targetAssessment",
        "keyword",
        "hasPart",
        "codedNotation",
        "accreditedBy",
        "approvedBy",
        "recognizedBy",
        "regulatedBy",
        "owner",
        "url",
    )
)


@lru_cache(maxsize=_CACHED)
def ctid_for(identifier: str) -> str:
    """The CTID an export uses for a descriptor id.

    A CTID (``ce-`` and a UUID) is kept (in lower case); any other id gets a
    stable one, ``ce-`` + ``uuid5(NAMESPACE_URL, "urn:mcqa:descriptor:" + id)``:

    >>> ctid_for("data-101")
    'ce-100677a0-022a-537b-8cf8-8839c7a9164f'
    >>> ctid_for("ce-EDC318C1-AA67-47E2-9638-A8529E6612D4")
    'ce-edc318c1-aa67-47e2-9638-a8529e6612d4'
    """
    if _CTID.match(identifier):
        return identifier.lower()
    return "ce-" + str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:mcqa:descriptor:" + identifier))


# -- reading JSON-LD values ------------------------------------------------------------


@dataclass(frozen=True)
class _At:
    """A source value and its JSON Pointer."""

    value: Any
    pointer: str


@dataclass(frozen=True)
class _Text:
    text: str
    language: str | None
    pointer: str
    others: tuple[str, ...] = ()
    """Other languages the same text was given in."""


@dataclass(frozen=True)
class _Concept:
    """A term of a CTDL concept scheme and/or its label."""

    term: str | None
    name: _Text | None
    pointer: str
    alignment: Mapping[str, Any] | None = None
    reference: str | None = None
    """The address given, when the concept is a plain reference."""
    term_pointer: str = ""
    """Where the term (else the name) stands: what a value read from the concept points at."""


def _local_name(value: Any) -> tuple[str, str] | None:
    """``("ceterms", "MicroCredential")`` for a CTDL class or property name, else ``None``.

    >>> _local_name("ceterms:Badge"), _local_name("http://purl.org/ctdl/terms/Course")
    (('ceterms', 'Badge'), ('ceterms', 'Course'))
    >>> _local_name("ctdl:Credential"), _local_name("schema:Course")
    (('ctdl', 'Credential'), None)
    """
    if not isinstance(value, str):
        return None
    for prefix in ("ceterms", "ctdl"):
        if value.startswith(prefix + ":"):
            name = value[len(prefix) + 1 :]
            return (prefix, name) if _TERM.match(name) else None
    for base in ("http://purl.org/ctdl/terms/", "https://purl.org/ctdl/terms/"):
        if value.startswith(base):
            name = value[len(base) :]
            return ("ceterms", name) if _TERM.match(name) else None
    return None


def _classes(node: Mapping[str, Any]) -> list[tuple[str, str]]:
    types = node.get("@type")
    values = types if isinstance(types, list) else [types]
    return [found for found in map(_local_name, values) if found is not None]


def _kind(node: Mapping[str, Any]) -> str | None:
    """``credential``, ``learning``, ``other`` (another CTDL class) or ``None`` (no CTDL type)."""
    classes = _classes(node)
    if not classes:
        return None
    if any(_is_credential(name) for _, name in classes):
        return "credential"
    if any(name in _LEARNING_CLASSES for _, name in classes):
        return "learning"
    return "other"


def _is_credential(name: str) -> bool:
    return name in _CREDENTIAL_CLASSES or (
        name.endswith(_CREDENTIAL_ENDINGS) and not name.endswith("Organization")
    )


def _term(value: Any) -> str | None:
    """The term a concept value names: ``deliveryType:OnlineOnly``, a URI, or ``OnlineOnly``.

    >>> _term("deliveryType:OnlineOnly"), _term("http://purl.org/ctdl/vocabs/deliveryType/InPerson")
    ('OnlineOnly', 'InPerson')
    >>> _term("https://credreg.net/ctdl/terms/AudienceLevel#BeginnerLevel"), _term("not a term")
    ('BeginnerLevel', None)
    """
    if isinstance(value, Mapping):
        value = value.get("@id")
    if not isinstance(value, str):
        return None
    text = value.strip()
    if "/" in text or "#" in text:
        text = re.split(r"[/#]", text.rstrip("/#"))[-1]
    if ":" in text:
        text = text.rsplit(":", 1)[-1]
    return text if _TERM.match(text) else None


def _is_language_map(value: Mapping[str, Any]) -> bool:
    return bool(value) and all(
        isinstance(k, str) and _LANGUAGE_TAG.match(k) and not k.startswith("@") for k in value
    )


def _english_first(tags: list[str]) -> str:
    for tag in tags:
        if tag.lower() == "en" or tag.lower().startswith("en-"):
            return tag
    return tags[0]


def _texts(at: _At, depth: int = 0) -> list[_Text]:
    """Every text in a CTDL text value, in document order (one language of a language map)."""
    value = at.value
    if depth > 8:
        return []
    if isinstance(value, str):
        return [_Text(value, None, at.pointer)] if value.strip() else []
    if isinstance(value, list):
        return [
            text
            for index, item in enumerate(value)
            for text in _texts(_At(item, join_pointer(at.pointer, index)), depth + 1)
        ]
    if not isinstance(value, Mapping):
        return []
    if "@value" in value:
        language = value.get("@language")
        inner = _texts(_At(value["@value"], join_pointer(at.pointer, "@value")), depth + 1)
        tag = language if isinstance(language, str) and _LANGUAGE_TAG.match(language) else None
        return [_Text(t.text, tag, t.pointer) for t in inner]
    if _is_language_map(value):
        tags = [k for k, v in value.items() if _texts(_At(v, ""), depth + 1)]
        if not tags:
            return []
        chosen = _english_first(tags)
        others = tuple(t for t in tags if t != chosen)
        inner = _texts(_At(value[chosen], join_pointer(at.pointer, chosen)), depth + 1)
        return [_Text(t.text, chosen, t.pointer, others) for t in inner]
    return []


def _items(at: _At | None) -> list[_At]:
    """The values of a property that may hold one value or a list."""
    if at is None:
        return []
    if isinstance(at.value, list):
        return [_At(v, join_pointer(at.pointer, i)) for i, v in enumerate(at.value)]
    return [at]


def _property_of(pointer: str) -> str:
    """The property a pointer ends in (``/ceterms:ownedBy/0`` -> ``ceterms:ownedBy``)."""
    for token in reversed(pointer.split("/")):
        if token and not token.isdigit():
            return token.replace("~1", "/").replace("~0", "~")
    return "the value"


def _words(text: str) -> int:
    return len(text.split())


def _format_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


@dataclass(frozen=True)
class _Node:
    """A JSON-LD node (a mapping) where it stands in the source."""

    data: Mapping[str, Any]
    pointer: str


class _Reader:
    """One conversion: the source, the nodes by ``@id``, and what has been found."""

    def __init__(self, importer: CtdlImporter, source: Document) -> None:
        self.source = source
        self.importer = importer
        self.findings: list[Finding] = []
        self.provenance: dict[str, Provenance] = {}
        self.prefix = "ceterms"
        self.index: dict[str, _Node] = {}
        self.extensions: dict[str, Any] = {}

    # -- bookkeeping ------------------------------------------------------------------

    def note(
        self, rule: str, severity: Severity, message: str, pointer: str, *, key: bool = False
    ) -> None:
        self.findings.append(
            self.source.finding(rule, message, pointer, key=key, severity=severity)
        )

    def ambiguous(self, message: str, pointer: str) -> None:
        self.note(RULE_AMBIGUOUS, "warning", message, pointer)

    def lost(self, message: str, pointer: str, *, key: bool = False) -> None:
        self.note(RULE_LOST, "info", message, pointer, key=key)

    def mark(self, target: str, source_pointer: str) -> None:
        """Record that the descriptor value at ``target`` came from ``source_pointer``."""
        where = self.source.source_map.locate(source_pointer)
        self.provenance[target] = Provenance(
            source_field=source_pointer,
            line=where.line if where else None,
            column=where.column if where else None,
        )

    # -- access -----------------------------------------------------------------------

    def get(self, node: _Node, name: str) -> _At | None:
        """Property ``name`` (``ceterms:name``, or the draft's ``ctdl:`` equivalent) of ``node``."""
        keys = [f"ceterms:{name}"]
        if self.prefix == "ctdl":
            keys.insert(0, f"ctdl:{name}")
            keys += [f"ctdl:{old}" for old, new in _DRAFT_NAMES.items() if new == name]
        for key in keys:
            if key in node.data and node.data[key] is not None:
                return _At(node.data[key], join_pointer(node.pointer, key))
        return None

    def values(self, node: _Node, name: str) -> list[_At]:
        return _items(self.get(node, name))

    def texts(self, at: _At | None) -> list[_Text]:
        if at is None:
            return []
        found = _texts(at)
        for text in found:
            if text.others:
                self.lost(
                    f"also given in {', '.join(text.others)}; mcqa kept the {text.language} text",
                    text.pointer,
                )
        return found

    def text(self, at: _At | None, what: str, *, keep_first: bool = False) -> _Text | None:
        """The one text of a single-valued property; several different ones are ambiguous."""
        found = self.texts(at)
        if not found:
            return None
        distinct = list(dict.fromkeys(t.text for t in found))
        if len(distinct) > 1:
            if keep_first:
                self.ambiguous(
                    f"{what} is given {len(distinct)} times; mcqa kept the first ({distinct[0]!r})",
                    found[0].pointer,
                )
                return found[0]
            self.ambiguous(
                f"{what} is given {len(distinct)} times ({', '.join(map(repr, distinct))}); "
                "mcqa would have to choose one, so it is left out",
                found[0].pointer,
            )
            return None
        return found[0]

    def text_of(self, node: _Node, name: str, what: str) -> _Text | None:
        return self.text(self.get(node, name), what)

    def joined(self, texts: list[_Text]) -> _Text | None:
        """Several texts of one field as one, each on its own line."""
        distinct = list(dict.fromkeys(t.text for t in texts))
        if not distinct:
            return None
        return _Text("\n".join(distinct), texts[0].language, texts[0].pointer)

    def resolve(self, at: _At) -> _Node | str | None:
        """A node for a reference or an inline object; the reference itself when unresolved."""
        value = at.value
        if isinstance(value, Mapping):
            ident = value.get("@id")
            if set(value) - {"@id"}:
                return _Node(value, at.pointer)
            value = ident
        if isinstance(value, str) and value.strip():
            found = self.index.get(value)
            return found if found is not None else value
        return None

    def concepts(self, at: _At | None) -> list[_Concept]:
        """Concept values: alignment objects, ``prefix:Term`` strings, URIs or ``{"@id": ...}``."""
        found: list[_Concept] = []
        for item in _items(at):
            target = self.resolve(item)
            if isinstance(target, _Node):
                node = target
                term_at = self.get(node, "targetNode")
                term = _term(term_at.value) if term_at else _term(node.data.get("@id"))
                name = self.text(self.get(node, "targetNodeName"), "the concept's name")
                where = (
                    term_at.pointer if term_at and term else name.pointer if name else node.pointer
                )
                found.append(_Concept(term, name, node.pointer, node.data, term_pointer=where))
            elif isinstance(target, str):
                found.append(
                    _Concept(
                        _term(target),
                        None,
                        item.pointer,
                        reference=target,
                        term_pointer=item.pointer,
                    )
                )
        return found

    # -- the conversion ---------------------------------------------------------------

    def convert(self) -> Imported:
        data = self.source.data
        descriptor: dict[str, Any] = {}
        if not isinstance(data, Mapping):
            self.note(
                RULE_NOT_DESCRIPTOR,
                "error",
                "this is not a CTDL record: expected a JSON-LD object with a credential or a "
                "learning opportunity",
                "",
            )
            return self.result(descriptor)
        nodes = _top_nodes(data)
        for node in nodes:
            ident = node.data.get("@id")
            if isinstance(ident, str) and ident not in self.index:
                self.index[ident] = node
        chosen = self.choose(data, nodes)
        if chosen is None:
            return self.result(descriptor)
        classes = _classes(chosen.data)
        if any(prefix == "ctdl" for prefix, _ in classes) or (
            not classes and any(str(k).startswith("ctdl:") for k in chosen.data)
        ):
            self.prefix = "ctdl"
            self.note(
                RULE_INCOMPLETE,
                "warning",
                "this record uses the pre-release CTDL draft (the ctdl: prefix); mcqa read the "
                "properties that kept their meaning (name, description, ctid, owner, url, "
                "versionIdentifier, requires, inLanguage, keyword, industryType) and reports "
                "the others as not carried over",
                "",
            )
        self.read(chosen, classes, descriptor)
        return self.result(descriptor)

    def result(self, descriptor: dict[str, Any]) -> Imported:
        if self.extensions:
            descriptor["extensions"] = {"ctdl": self.extensions}
        document = descriptor_document(self.source, descriptor, self.provenance, self.importer.ID)
        return Imported(
            document=document,
            source_format=self.importer.ID,
            provenance=dict(sorted(self.provenance.items())),
            findings=tuple(sorted(dict.fromkeys(self.findings), key=Finding.sort_key)),
        )

    def choose(self, data: Mapping[str, Any], nodes: list[_Node]) -> _Node | None:
        referenced = set(_references(data))
        for kind in ("credential", "learning"):
            candidates = [n for n in nodes if _kind(n.data) == kind]
            if not candidates:
                continue
            roots = [n for n in candidates if _own_id(n.data) not in referenced] or candidates
            if len(roots) > 1:
                names = ", ".join(repr(_label(n.data)) for n in roots[1:])
                self.ambiguous(
                    f"this graph describes {len(roots)} {kind}s that nothing else points at; "
                    f"mcqa read the first and left out {names}",
                    roots[0].pointer,
                )
            return roots[0]
        if any(str(k).startswith(("ceterms:", "ctdl:")) for k in data) and not _classes(data):
            self.note(
                RULE_MISSING,
                "warning",
                "the record has no @type; mcqa read it as a credential",
                "",
            )
            return _Node(data, "")
        self.note(
            RULE_NOT_DESCRIPTOR,
            "error",
            "this CTDL document holds no credential and no learning opportunity "
            "(such as an organization only), so it describes no microcredential",
            "",
        )
        return None

    def read(self, node: _Node, classes: list[tuple[str, str]], out: dict[str, Any]) -> None:
        self.read_identity(node, classes, out)
        self.read_issuer(node, out)
        self.read_audience(node, out)
        self.read_conditions(node, out)
        self.read_workload(node, out)
        self.read_cost(node, out)
        self.read_delivery(node, out)
        self.read_stacking(node, out)
        self.read_relevance(node, out)
        self.read_quality(node, out)
        self.read_outcomes(node, out)
        self.read_lists(node)
        self.report_unread(node)

    # -- identity ---------------------------------------------------------------------

    def read_identity(
        self, node: _Node, classes: list[tuple[str, str]], out: dict[str, Any]
    ) -> None:
        ctid = self.text_of(node, "ctid", "ceterms:ctid")
        coded = self.text_of(node, "codedNotation", "ceterms:codedNotation")
        ident = node.data.get("@id")
        if coded is not None and ctid is not None and ctid.text.lower() == ctid_for(coded.text):
            out["id"] = coded.text
            self.mark("/id", coded.pointer)
        else:
            if coded is not None:
                self.extensions["codedNotation"] = coded.text
                self.mark("/extensions/ctdl/codedNotation", coded.pointer)
            if ctid is not None:
                out["id"] = ctid.text
                self.mark("/id", ctid.pointer)
            elif isinstance(ident, str) and ident.strip() and not ident.startswith("_:"):
                out["id"] = ident
                self.mark("/id", join_pointer(node.pointer, "@id"))
            else:
                stem = PurePath(self.source.path).stem if self.source.path else ""
                out["id"] = stem or "ctdl-record"
                self.note(
                    RULE_MISSING,
                    "warning",
                    "the record has no ceterms:ctid and no @id; the descriptor's id is "
                    f"{out['id']!r}" + (", taken from the file name" if stem else ""),
                    node.pointer,
                )
        title = self.text(self.get(node, "name"), "the name", keep_first=True)
        if title is not None:
            out["title"] = title.text
            self.mark("/title", title.pointer)
        else:
            self.note(RULE_MISSING, "error", "the record has no ceterms:name", node.pointer)
        if classes:
            name = next(
                (n for _, n in classes if _is_credential(n) or n in _LEARNING_CLASSES),
                classes[0][1],
            )
            kind = _descriptor_type(name)
            out["type"] = kind
            self.mark("/type", join_pointer(node.pointer, "@type"))
            if _EXPORT_CLASS.get(kind) != name:
                self.extensions["type"] = f"ceterms:{name}"
                self.mark("/extensions/ctdl/type", join_pointer(node.pointer, "@type"))
        status_at = self.get(node, "credentialStatusType") or self.get(node, "lifeCycleStatusType")
        statuses = self.concepts(status_at)
        if len(statuses) == 1:
            concept = statuses[0]
            status = _kebab(concept.term) if concept.term else None
            if status is None and concept.name is not None:
                status = concept.name.text.strip().lower()
            if status:
                out["status"] = status
                self.mark("/status", concept.term_pointer)
        elif len(statuses) > 1 and status_at is not None:
            self.ambiguous("the status is given more than once; it is left out", status_at.pointer)
        description = self.text_of(node, "description", "the description")
        if description is not None:
            out["description"] = description.text
            self.mark("/description", description.pointer)
        self.read_language(node, title, out)
        url = self.url(self.get(node, "subjectWebpage"), "the subject web page")
        if url is not None:
            out["url"] = url.value
            self.mark("/url", url.pointer)
        version = self.version(self.get(node, "versionIdentifier"))
        if version is not None:
            out["version"] = version.text
            self.mark("/version", version.pointer)

    def read_language(self, node: _Node, title: _Text | None, out: dict[str, Any]) -> None:
        languages = self.texts(self.get(node, "inLanguage"))
        if len(languages) == 1:
            tag = _language_tag(languages[0].text)
            if tag is None:
                self.ambiguous(
                    f"the language {languages[0].text!r} is neither a BCP 47 tag nor the name "
                    "of a language; it is left out",
                    languages[0].pointer,
                )
            else:
                out["language"] = tag
                self.mark("/language", languages[0].pointer)
        elif len(languages) > 1:
            tags = [t.text for t in languages]
            self.extensions["inLanguage"] = tags
            self.mark("/extensions/ctdl/inLanguage", languages[0].pointer)
            self.ambiguous(
                f"the credential is offered in {len(tags)} languages ({', '.join(tags)}); a "
                "descriptor has one language, so it is left out (the list is kept in "
                "extensions.ctdl.inLanguage)",
                languages[0].pointer,
            )
        elif title is not None and title.language is not None:
            out["language"] = title.language
            self.mark("/language", title.pointer)

    def url(self, at: _At | None, what: str) -> _At | None:
        found = []
        for item in _items(at):
            value = item.value
            pointer = item.pointer
            if isinstance(value, Mapping) and isinstance(value.get("@id"), str):
                value, pointer = value["@id"], join_pointer(pointer, "@id")
            if isinstance(value, str) and value.strip():
                found.append(_At(value, pointer))
        if len({f.value for f in found}) > 1 and at is not None:
            self.ambiguous(f"{what} is given more than once; it is left out", at.pointer)
            return None
        return found[0] if found else None

    def version(self, at: _At | None) -> _Text | None:
        texts: list[_Text] = []
        for item in _items(at):
            if isinstance(item.value, Mapping) and "@value" not in item.value:
                node = _Node(item.value, item.pointer)
                code = self.get(node, "identifierValueCode")
                texts += self.texts(code)
            else:
                texts += self.texts(item)
        distinct = list(dict.fromkeys(t.text for t in texts))
        if len(distinct) > 1 and at is not None:
            self.ambiguous("the version is given more than once; it is left out", at.pointer)
            return None
        return texts[0] if texts else None

    # -- organizations ----------------------------------------------------------------

    def read_issuer(self, node: _Node, out: dict[str, Any]) -> None:
        role = "ownedBy" if self.get(node, "ownedBy") is not None else "offeredBy"
        issuers: list[tuple[dict[str, Any], str, dict[str, str]]] = []
        unresolved: list[_At] = []
        for item in self.values(node, role):
            target = self.resolve(item)
            if isinstance(target, _Node):
                issuer, marks = self.organization(target)
                if issuer:
                    issuers.append((issuer, target.pointer, marks))
            elif isinstance(target, str):
                unresolved.append(_At(target, item.pointer))
        for index, (issuer, pointer, marks) in enumerate(issuers):
            base = "/issuer" if index == 0 else f"/co_issuers/{index - 1}"
            if index == 0:
                out["issuer"] = issuer
            else:
                out.setdefault("co_issuers", []).append(issuer)
            self.mark(base, pointer)
            for field, source_pointer in marks.items():
                self.mark(f"{base}/{field}", source_pointer)
        if unresolved:
            self.extensions[role] = [u.value for u in unresolved]
            self.mark(f"/extensions/ctdl/{role}", unresolved[0].pointer)
            for item in unresolved:
                self.note(
                    RULE_UNRESOLVED,
                    "info",
                    f"{_property_of(item.pointer)} points at {item.value!r}, a record outside "
                    "this document; "
                    "mcqa does not fetch it, so the issuer's name and country are not known "
                    f"(the address is kept in extensions.ctdl.{role})",
                    item.pointer,
                )
        if role == "ownedBy":
            for item in self.values(node, "offeredBy"):
                target = self.resolve(item)
                if isinstance(target, _Node):
                    name = self.text_of(target, "name", "the organization's name")
                    if name is not None and name.text not in {i[0].get("name") for i in issuers}:
                        self.lost(
                            f"the credential is offered by {name.text!r}, which is not its "
                            "owner; a descriptor names the awarding body only",
                            item.pointer,
                        )

    def organization(self, node: _Node) -> tuple[dict[str, Any], dict[str, str]]:
        found: dict[str, Any] = {}
        marks: dict[str, str] = {}
        name = self.text_of(node, "name", "the organization's name")
        if name is not None:
            found["name"], marks["name"] = name.text, name.pointer
        url = self.url(self.get(node, "subjectWebpage"), "the organization's web page")
        if url is not None:
            found["url"], marks["url"] = url.value, url.pointer
        for place_at in self.values(node, "address"):
            place = self.resolve(place_at)
            if not isinstance(place, _Node):
                continue
            country = self.text_of(place, "addressCountry", "the country")
            if country is not None and "country" not in found:
                code = _country_code(country.text)
                if code is None:
                    self.ambiguous(
                        f"the country {country.text!r} is neither an ISO 3166-1 code nor the "
                        "name of a country; it is left out",
                        country.pointer,
                    )
                else:
                    found["country"], marks["country"] = code, country.pointer
            region = self.text_of(place, "addressRegion", "the region")
            if region is not None and "region" not in found:
                found["region"], marks["region"] = region.text, region.pointer
        parents = [self.resolve(item) for item in self.values(node, "parentOrganization")]
        for parent in parents:
            if isinstance(parent, _Node):
                parent_name = self.text_of(parent, "name", "the parent organization's name")
                if parent_name is not None:
                    found["parent"], marks["parent"] = parent_name.text, parent_name.pointer
                    break
        return found, marks

    # -- audience and conditions ------------------------------------------------------

    def read_audience(self, node: _Node, out: dict[str, Any]) -> None:
        audience: dict[str, Any] = {}
        levels = self.concepts(self.get(node, "audienceLevelType"))
        words: list[str] = []
        for concept in levels:
            if concept.term is not None and self.prefix == "ceterms":
                words.append(_level_words(concept.term))
            elif concept.name is not None:
                words.append(concept.name.text)
            elif concept.term is not None:
                words.append(concept.term)
        words = list(dict.fromkeys(w for w in words if w))
        if words:
            audience["level"] = ", ".join(words)
            self.mark("/audience/level", levels[0].term_pointer)
        prior = self.joined(
            [
                text
                for profile in self.profiles(node, "recommends")
                for text in self.texts(self.get(profile, "description"))
            ]
        )
        if prior is not None:
            audience["prior_knowledge"] = prior.text
            self.mark("/audience/prior_knowledge", prior.pointer)
        if audience:
            out["audience"] = audience

    def profiles(self, node: _Node, name: str) -> list[_Node]:
        found = []
        for item in self.values(node, name):
            target = self.resolve(item)
            if isinstance(target, _Node):
                found.append(target)
            elif isinstance(target, str):
                self.note(
                    RULE_UNRESOLVED,
                    "info",
                    f"{_property_of(item.pointer)} points at {target!r}, outside this document; "
                    "mcqa does not fetch it",
                    item.pointer,
                )
        return found

    def completion(self, profile: _Node) -> bool:
        """Whether a condition names what must be completed (and so is not a prerequisite)."""
        return any(
            self.get(profile, name) is not None
            for name in (
                "creditValue",
                "creditUnitValue",
                "creditHourValue",
                "targetAssessment",
                "targetCompetency",
                "targetLearningOpportunity",
                "targetCredential",
            )
        )

    def read_conditions(self, node: _Node, out: dict[str, Any]) -> None:
        items: list[_Text] = []
        from_description: list[bool] = []
        for name in ("requires", "entryCondition"):
            for profile in self.profiles(node, name):
                if _kind(profile.data) in ("learning", "credential"):
                    label = self.text_of(profile, "name", "the name")
                    self.lost(
                        f"{self.prefix}:{name} names the learning opportunity "
                        f"{label.text if label else 'given here'!r} rather than a condition; "
                        "a descriptor does not list required courses",
                        profile.pointer,
                    )
                    continue
                description = self.text_of(profile, "description", "the condition")
                if self.completion(profile):
                    if description is not None:
                        self.lost(
                            "this condition says how the credential is earned (it names "
                            "credits, assessments, competencies or learning opportunities), "
                            "not what a learner needs before starting; its description is not "
                            "read as a prerequisite",
                            description.pointer,
                        )
                elif description is not None:
                    items.append(description)
                    from_description.append(True)
                for text in self.texts(self.get(profile, "condition")):
                    items.append(text)
                    from_description.append(False)
        distinct: dict[str, _Text] = {}
        for text in items:
            distinct.setdefault(text.text, text)
        if not distinct:
            return
        if len(items) == 1 and from_description[0]:
            out["prerequisites"] = items[0].text
            self.mark("/prerequisites", items[0].pointer)
            return
        out["prerequisites"] = list(distinct)
        self.mark("/prerequisites", items[0].pointer)
        for index, text in enumerate(distinct.values()):
            self.mark(f"/prerequisites/{index}", text.pointer)

    # -- workload, credits, cost ------------------------------------------------------

    def read_workload(self, node: _Node, out: dict[str, Any]) -> None:
        workload: dict[str, Any] = {}
        hours: dict[float, str] = {}
        weeks: dict[float, str] = {}
        for item in self.values(node, "estimatedDuration"):
            profile = self.resolve(item)
            if not isinstance(profile, _Node):
                continue
            exact = self.text_of(profile, "exactDuration", "the exact duration")
            low = self.text_of(profile, "minimumDuration", "the minimum duration")
            high = self.text_of(profile, "maximumDuration", "the maximum duration")
            bound = low or high
            if exact is None and bound is not None:
                bounds = " to ".join(t.text for t in (low, high) if t is not None)
                self.ambiguous(
                    f"the duration is a range ({bounds}); a descriptor holds one figure, and "
                    "mcqa does not choose one, so it is left out",
                    bound.pointer,
                )
            if exact is not None:
                self.duration(exact, hours, weeks)
            description = self.text_of(profile, "description", "the duration's description")
            if description is not None:
                self.lost(
                    "the duration's description has no place in a descriptor",
                    description.pointer,
                )
        for field, found in (("hours", hours), ("duration_weeks", weeks)):
            if len(found) == 1:
                (value, pointer), *_ = found.items()
                workload[field] = value
                self.mark(f"/workload/{field}", pointer)
            elif len(found) > 1:
                figures = ", ".join(_format_number(v) for v in found)
                self.ambiguous(
                    f"the durations give different {field.replace('_', ' ')} ({figures}); "
                    "it is left out",
                    next(iter(found.values())),
                )
        credits = self.read_credits(node)
        for field, (value, pointer) in credits.items():
            if field == "credit":
                out.setdefault("stackability", {})["credit"] = value
                self.mark("/stackability/credit", pointer)
                self.mark("/stackability/credit/value", pointer)
            else:
                workload[field] = value
                self.mark(f"/workload/{field}", pointer)
        if workload:
            out["workload"] = workload

    def duration(self, exact: _Text, hours: dict[float, str], weeks: dict[float, str]) -> None:
        text = exact.text.strip()
        if len(text) > 64 or not _ISO_DURATION.match(text.upper()):
            self.ambiguous(
                f"the duration {text!r} is not an ISO 8601 duration; it is left out",
                exact.pointer,
            )
            return
        upper = text.upper()
        date, _, time = upper[1:].partition("T")
        units = set(re.findall(r"[YMWD]", date))
        if not units and time:
            value = iso_duration_hours(upper)
            if value is not None:
                hours.setdefault(value, exact.pointer)
                return
        elif "W" in units and units <= {"W", "D"} and not time:
            value = iso_duration_weeks(upper)
            if value is not None:
                weeks.setdefault(value, exact.pointer)
                return
        else:
            self.ambiguous(
                f"the duration {text!r} is given in years, months or days: a calendar span "
                "that is neither a number of learning hours nor a whole number of weeks, so "
                "mcqa does not convert it",
                exact.pointer,
            )
            return
        self.ambiguous(
            f"the duration {text!r} has figures too large or too precise to read; it is left out",
            exact.pointer,
        )

    def read_credits(self, node: _Node) -> dict[str, tuple[Any, str]]:
        """Credit values of the record and of its ``requires`` conditions, by descriptor field."""
        sources = [node]
        for profile in self.profiles_quiet(node, "requires"):
            if _kind(profile.data) not in ("learning", "credential"):
                sources.append(profile)
        found: dict[str, dict[float | str, tuple[Any, str]]] = {}
        for source in sources:
            for value, unit, description in self.credit_values(source):
                self.credit(value, unit, description, found)
        result: dict[str, tuple[Any, str]] = {}
        for field, values in found.items():
            if len(values) == 1:
                result[field] = next(iter(values.values()))
            else:
                first = next(iter(values.values()))
                self.ambiguous(
                    f"the record gives {len(values)} different credit values for "
                    f"{'its credit' if field == 'credit' else field.replace('_', ' ')}; "
                    "mcqa does not choose one, so they are left out",
                    first[1],
                )
        return result

    def profiles_quiet(self, node: _Node, name: str) -> list[_Node]:
        found = []
        for item in self.values(node, name):
            target = self.resolve(item)
            if isinstance(target, _Node):
                found.append(target)
        return found

    def credit_values(self, node: _Node) -> Iterator[tuple[_At, str | None, str | None]]:
        """``(value, unit term, unit description)`` for each credit value of ``node``."""
        for item in self.values(node, "creditValue"):
            profile = self.resolve(item)
            if not isinstance(profile, _Node):
                continue
            value = _schema(profile, "value") or self.get(profile, "value")
            low = _schema(profile, "minValue") or self.get(profile, "minValue")
            high = _schema(profile, "maxValue") or self.get(profile, "maxValue")
            if value is None and (low is not None or high is not None):
                if low is not None and high is not None and number(low.value) == number(high.value):
                    value = low
                else:
                    bounds = " to ".join(str(b.value) for b in (low, high) if b is not None)
                    self.ambiguous(
                        f"the credit value is a range ({bounds}); it is left out",
                        (low or high or item).pointer,
                    )
                    continue
            if value is None:
                continue
            units = self.concepts(self.get(profile, "creditUnitType"))
            unit = next((c.term for c in units if c.term), None)
            description = self.text_of(profile, "creditUnitTypeDescription", "the credit unit")
            yield value, unit, description.text if description else None
        legacy = self.get(node, "creditUnitValue")
        if legacy is not None:
            units = self.concepts(self.get(node, "creditUnitType"))
            unit = next((c.term for c in units if c.term), None)
            description = self.text_of(node, "creditUnitTypeDescription", "the credit unit")
            yield legacy, unit, description.text if description else None
        hours = self.get(node, "creditHourValue")
        if hours is not None:
            kind = self.text_of(node, "creditHourType", "the credit hour type")
            unit = "SemesterHour" if kind and "semester" in kind.text.lower() else None
            yield hours, unit, kind.text if kind and unit is None else None

    def credit(
        self,
        value_at: _At,
        unit: str | None,
        description: str | None,
        found: dict[str, dict[float | str, tuple[Any, str]]],
    ) -> None:
        pointer = value_at.pointer
        value = number(value_at.value)
        if value is None or value < 0:
            self.ambiguous(
                f"the credit value {value_at.value!r} is not a number; it is left out", pointer
            )
            return
        described = (description or "").strip().lower().rstrip(".")
        if unit in _WORKLOAD_UNITS:
            found.setdefault(_WORKLOAD_UNITS[unit], {}).setdefault(value, (value, pointer))
        elif unit is None and described in _ECTS_NAMES:
            found.setdefault("ects", {}).setdefault(value, (value, pointer))
        elif unit is not None or described:
            name = _kebab(unit) if unit is not None else (description or "").strip()
            credit = {"value": value, "unit": name}
            found.setdefault("credit", {}).setdefault(f"{value} {name}", (credit, pointer))
        else:
            self.ambiguous(
                f"the record gives {_format_number(value)} credits without saying which "
                "(semester hours, ECTS, CEUs, ...); they are left out",
                pointer,
            )

    def read_cost(self, node: _Node, out: dict[str, Any]) -> None:
        nodes = [
            p for p in map(self.resolve, self.values(node, "estimatedCost")) if isinstance(p, _Node)
        ]
        cost: dict[str, Any] = {}
        priced = [(p, at) for p in nodes for at in [self.get(p, "price")] if at is not None]
        aggregate = [p for p in nodes if self.cost_type(p) == "AggregateCost"]
        main: _Node | None = None
        if len(priced) == 1:
            main = priced[0][0]
        elif len(aggregate) == 1:
            main = aggregate[0]
        elif len(nodes) == 1:
            main = nodes[0]
        elif priced:
            prices = ", ".join(str(at.value) for _, at in priced)
            self.ambiguous(
                f"the record gives {len(priced)} prices ({prices}) and none of them is the "
                "aggregate cost; mcqa does not add them up or choose one, so the cost is left "
                "out",
                priced[0][1].pointer,
            )
        elif nodes:
            self.lost(
                "the record gives several costs without prices; they are not carried over",
                nodes[0].pointer,
            )
        if main is not None:
            self.main_cost(main, cost)
            fees = [
                text
                for p in nodes
                if p is not main
                for text in [self.text_of(p, "description", "the cost's description")]
                if text is not None
            ]
            texts = list(dict.fromkeys(f.text for f in fees))
            if texts:
                cost["additional_fees"] = texts[0] if len(texts) == 1 else texts
                self.mark("/cost/additional_fees", fees[0].pointer)
        aid = self.read_aid(node)
        if aid:
            cost["financial_aid"] = aid
        if cost:
            out["cost"] = cost

    def cost_type(self, profile: _Node) -> str | None:
        types = self.concepts(self.get(profile, "directCostType"))
        return types[0].term if types else None

    def main_cost(self, profile: _Node, cost: dict[str, Any]) -> None:
        price = self.get(profile, "price")
        if price is not None:
            amount = number(price.value)
            if amount is None or amount < 0:
                self.ambiguous(
                    f"the price {price.value!r} is not a number; it is left out", price.pointer
                )
            else:
                cost["amount"] = amount
                self.mark("/cost/amount", price.pointer)
        currency = self.text_of(profile, "currency", "the currency")
        if currency is not None:
            code = _currency_code(currency.text)
            if code is None:
                self.ambiguous(
                    f"the currency {currency.text!r} is neither an ISO 4217 code nor the name "
                    "of a currency; it is left out",
                    currency.pointer,
                )
            else:
                cost["currency"] = code
                self.mark("/cost/currency", currency.pointer)
        description = self.text_of(profile, "description", "the cost's description")
        if description is not None:
            cost["includes"] = description.text
            self.mark("/cost/includes", description.pointer)
        details = self.url(self.get(profile, "costDetails"), "the cost details page")
        if details is not None:
            self.extensions["costDetails"] = details.value
            self.mark("/extensions/ctdl/costDetails", details.pointer)

    def read_aid(self, node: _Node) -> dict[str, Any]:
        aid: dict[str, Any] = {}
        programs: list[_Text] = []
        statements: list[_Text] = []
        for profile in self.profiles_quiet(node, "financialAssistance"):
            name = self.text_of(profile, "name", "the financial aid's name")
            if name is not None:
                programs.append(name)
            description = self.text_of(profile, "description", "the financial aid")
            if description is not None:
                statements.append(description)
        if programs or statements:
            aid["eligible"] = True
            first = (programs or statements)[0].pointer
            self.mark("/cost/financial_aid", first)
            self.mark("/cost/financial_aid/eligible", first)
        if programs:
            aid["programs"] = list(dict.fromkeys(p.text for p in programs))
            self.mark("/cost/financial_aid/programs", programs[0].pointer)
        statement = self.joined(statements)
        if statement is not None:
            aid["statement"] = statement.text
            self.mark("/cost/financial_aid/statement", statement.pointer)
        return aid

    # -- delivery, stacking, relevance ------------------------------------------------

    def read_delivery(self, node: _Node, out: dict[str, Any]) -> None:
        concepts = self.concepts(self.get(node, "learningDeliveryType")) + self.concepts(
            self.get(node, "deliveryType")
        )
        modes: dict[str, str] = {}
        for concept in concepts:
            mode = _DELIVERY_IN.get(concept.term or "")
            if mode is None:
                label = concept.term or (concept.name.text if concept.name else "?")
                self.ambiguous(
                    f"the delivery type {label!r} is not online, in person or blended; it is "
                    "left out",
                    concept.term_pointer,
                )
                continue
            modes.setdefault(mode, concept.term_pointer)
        if len(modes) == 1:
            (mode, pointer), *_ = modes.items()
            out["delivery"] = {"mode": mode}
            self.mark("/delivery/mode", pointer)
        elif len(modes) > 1:
            self.ambiguous(
                f"the record gives several delivery types ({', '.join(modes)}); a credential "
                "offered both ways is not necessarily blended, so the mode is left out",
                next(iter(modes.values())),
            )

    def read_stacking(self, node: _Node, out: dict[str, Any]) -> None:
        targets: list[tuple[dict[str, Any], str]] = []
        for item in self.values(node, "isPartOf"):
            targets += self.stack_target(item)
        for profile in self.profiles_quiet(node, "isPreparationFor"):
            for item in self.values(profile, "targetCredential"):
                targets += self.stack_target(item)
            for item in self.values(profile, "targetOccupation"):
                target = self.resolve(item)
                if isinstance(target, str):
                    self.note(
                        RULE_UNRESOLVED,
                        "info",
                        f"the occupation {target!r} is a record outside this document; mcqa "
                        "does not fetch it",
                        item.pointer,
                    )
        if targets:
            stacks = out.setdefault("stackability", {})
            stacks["stacks_into"] = [t for t, _ in targets]
            self.mark("/stackability/stacks_into", targets[0][1])
            for index, (_, pointer) in enumerate(targets):
                self.mark(f"/stackability/stacks_into/{index}", pointer)

    def stack_target(self, item: _At) -> list[tuple[dict[str, Any], str]]:
        target = self.resolve(item)
        if isinstance(target, str):
            return [({"id": target}, item.pointer)]
        if not isinstance(target, _Node):
            return []
        found: dict[str, Any] = {}
        ctid = self.text_of(target, "ctid", "the ctid")
        coded = self.text_of(target, "codedNotation", "the coded notation")
        ident = target.data.get("@id")
        if coded is not None and ctid is not None and ctid.text.lower() == ctid_for(coded.text):
            found["id"] = coded.text
        elif ctid is not None:
            found["id"] = ctid.text
        elif isinstance(ident, str) and ident.strip() and not ident.startswith("_:"):
            found["id"] = ident
        elif coded is not None:
            found["id"] = coded.text
        name = self.text_of(target, "name", "the name")
        if name is not None:
            found["title"] = name.text
        classes = _classes(target.data)
        if classes:
            found["type"] = _descriptor_type(classes[0][1])
        return [(found, target.pointer)] if found else []

    def read_relevance(self, node: _Node, out: dict[str, Any]) -> None:
        occupations: list[tuple[dict[str, Any], str]] = []
        for concept in self.concepts(self.get(node, "occupationType")):
            occupation = self.alignment(concept, title="title")
            if occupation:
                occupations.append((occupation, concept.pointer))
        if occupations:
            out["relevance"] = {"occupations": [o for o, _ in occupations]}
            self.mark("/relevance/occupations", occupations[0][1])
            for index, (_, pointer) in enumerate(occupations):
                self.mark(f"/relevance/occupations/{index}", pointer)
        industries = []
        for concept in self.concepts(self.get(node, "industryType")):
            industry = self.alignment(concept, title="name")
            if not industry and concept.reference is not None:
                industry = {"url": concept.reference}
            if industry:
                industries.append(industry)
        industry_at = self.get(node, "industryType")
        if industries and industry_at is not None:
            self.extensions["industryType"] = industries
            self.mark("/extensions/ctdl/industryType", industry_at.pointer)

    def alignment(self, concept: _Concept, *, title: str) -> dict[str, Any]:
        """Framework, code and name of an alignment object (an occupation, an industry)."""
        found: dict[str, Any] = {}
        data = concept.alignment
        if data is None:
            return found
        node = _Node(data, concept.pointer)
        framework = self.text_of(node, "frameworkName", "the framework's name")
        framework_url = self.url(self.get(node, "framework"), "the framework")
        if framework is not None:
            found["framework"] = framework.text
        elif framework_url is not None:
            found["framework"] = framework_url.value
        code = self.text_of(node, "codedNotation", "the code")
        if code is not None:
            found["code"] = code.text
        if concept.name is not None:
            found[title] = concept.name.text
        return found

    # -- quality assurance and outcomes -----------------------------------------------

    def read_quality(self, node: _Node, out: dict[str, Any]) -> None:
        chosen: tuple[str, list[str], str] | None = None
        for role, kind in _QA_ROLES:
            at = self.get(node, role)
            if at is None:
                continue
            names: list[str] = []
            for item in _items(at):
                target = self.resolve(item)
                if isinstance(target, _Node):
                    name = self.text_of(target, "name", "the organization's name")
                    if name is not None:
                        names.append(name.text)
                elif isinstance(target, str):
                    self.note(
                        RULE_UNRESOLVED,
                        "info",
                        f"{_property_of(item.pointer)} points at {target!r}, a record outside this "
                        "document; mcqa does not fetch it, so the body is not known",
                        item.pointer,
                    )
            if chosen is None:
                chosen = (kind, names, at.pointer)
            else:
                self.lost(
                    f"the credential is also {kind}"
                    + (f" by {', '.join(names)}" if names else "")
                    + f"; a descriptor holds one quality assurance (mcqa kept '{chosen[0]}')",
                    at.pointer,
                    key=True,
                )
        if chosen is not None:
            kind, names, pointer = chosen
            quality: dict[str, Any] = {"type": kind}
            self.mark("/quality_assurance", pointer)
            self.mark("/quality_assurance/type", pointer)
            if names:
                quality["body"] = ", ".join(dict.fromkeys(names))
                self.mark("/quality_assurance/body", pointer)
            out["quality_assurance"] = quality

    def read_outcomes(self, node: _Node, out: dict[str, Any]) -> None:
        outcomes: list[tuple[dict[str, Any], str]] = []
        assessments: list[tuple[dict[str, Any], str]] = []
        sources = [(node, "teaches"), (node, "targetCompetency")]
        for profile in self.profiles_quiet(node, "requires"):
            sources.append((profile, "targetCompetency"))
            for item in self.values(profile, "targetAssessment"):
                assessments += self.assessment(item)
        for owner, name in sources:
            for item in self.values(owner, name):
                outcomes += self.outcome(item)
        if outcomes:
            out["learning_outcomes"] = [o for o, _ in outcomes]
            self.mark("/learning_outcomes", outcomes[0][1])
            for index, (_, pointer) in enumerate(outcomes):
                self.mark(f"/learning_outcomes/{index}", pointer)
                self.mark(f"/learning_outcomes/{index}/statement", pointer)
        if assessments:
            out["assessments"] = [a for a, _ in assessments]
            self.mark("/assessments", assessments[0][1])
            for index, (_, pointer) in enumerate(assessments):
                self.mark(f"/assessments/{index}", pointer)

    def outcome(self, item: _At) -> list[tuple[dict[str, Any], str]]:
        target = self.resolve(item)
        if isinstance(target, str):
            self.note(
                RULE_UNRESOLVED,
                "info",
                f"the competency {target!r} is a record outside this document; mcqa does not "
                "fetch it, so its statement is not known",
                item.pointer,
            )
            return []
        if target is None:
            return []
        competency = _competency_text(target)
        if competency is not None:
            texts = self.texts(competency)
            if not texts:
                return []
            found: dict[str, Any] = {"statement": texts[0].text}
            code = _ceasn(target, "codedNotation")
            if code is not None and isinstance(code.value, str) and code.value.strip():
                found["id"] = code.value
            return [(found, texts[0].pointer)]
        description = self.text_of(target, "targetNodeDescription", "the competency")
        name = self.text_of(target, "targetNodeName", "the competency's name")
        statement = description or (name if name and _words(name.text) >= 4 else None)
        if statement is None:
            if name is not None:
                self.lost(
                    f"the competency {name.text!r} is a name, not a statement of what a "
                    "learner can do; it is not read as a learning outcome",
                    name.pointer,
                )
            return []
        found = {"statement": statement.text}
        alignment: dict[str, Any] = {}
        framework = self.text_of(target, "frameworkName", "the framework's name")
        if framework is not None:
            alignment["framework"] = framework.text
        code_text = self.text_of(target, "codedNotation", "the code")
        if code_text is not None:
            alignment["code"] = code_text.text
        if name is not None and name is not statement:
            alignment["name"] = name.text
        node_url = self.url(self.get(target, "targetNode"), "the competency's address")
        if node_url is not None and node_url.value.startswith(("http://", "https://")):
            alignment["url"] = node_url.value
        if alignment:
            found["alignments"] = [alignment]
        return [(found, statement.pointer)]

    def assessment(self, item: _At) -> list[tuple[dict[str, Any], str]]:
        target = self.resolve(item)
        if isinstance(target, str):
            self.note(
                RULE_UNRESOLVED,
                "info",
                f"the assessment {target!r} is a record outside this document; mcqa does not "
                "fetch it",
                item.pointer,
            )
            return []
        if target is None:
            return []
        found: dict[str, Any] = {}
        code = self.text_of(target, "codedNotation", "the code")
        if code is not None:
            found["id"] = code.text
        methods = [c.term for c in self.concepts(self.get(target, "assessmentMethodType"))]
        method_text = self.text_of(target, "assessmentMethodDescription", "the method")
        if len(methods) == 1 and methods[0]:
            found["type"] = _kebab(methods[0])
        elif method_text is not None:
            found["type"] = method_text.text
        description = self.text_of(target, "description", "the assessment")
        if description is not None:
            found["description"] = description.text
        passing = self.text_of(target, "scoringMethodDescription", "the scoring method")
        if passing is not None:
            found["passing_standard"] = passing.text
        return [(found, target.pointer)] if found else []

    # -- extensions and what is left --------------------------------------------------

    def read_lists(self, node: _Node) -> None:
        keywords = self.texts(self.get(node, "keyword"))
        if keywords:
            self.extensions["keyword"] = list(dict.fromkeys(k.text for k in keywords))
            self.mark("/extensions/ctdl/keyword", keywords[0].pointer)
        parts_at = self.get(node, "hasPart")
        parts = [t for item in _items(parts_at) for t, _ in self.stack_target(item)]
        if parts and parts_at is not None:
            self.extensions["hasPart"] = parts
            self.mark("/extensions/ctdl/hasPart", parts_at.pointer)

    def report_unread(self, node: _Node) -> None:
        for key in node.data:
            if not isinstance(key, str) or key.startswith("@"):
                continue
            prefix, _, name = key.partition(":")
            if prefix == self.prefix and name in _HANDLED:
                continue
            if prefix == "ceterms" and name in _HANDLED:
                continue
            self.lost(
                f"{key} has no place in a descriptor; it is not carried over",
                join_pointer(node.pointer, key),
                key=True,
            )


def _schema(node: _Node, name: str) -> _At | None:
    key = f"schema:{name}"
    if key in node.data and node.data[key] is not None:
        return _At(node.data[key], join_pointer(node.pointer, key))
    return None


def _ceasn(node: _Node, name: str) -> _At | None:
    key = f"ceasn:{name}"
    if key in node.data and node.data[key] is not None:
        return _At(node.data[key], join_pointer(node.pointer, key))
    return None


def _competency_text(node: _Node) -> _At | None:
    return _ceasn(node, "competencyText") or _ceasn(node, "competencyLabel")


def _top_nodes(data: Mapping[str, Any]) -> list[_Node]:
    """The root (when it is a node) and the nodes of its ``@graph``, in document order."""
    nodes = []
    if "@type" in data or any(str(k).startswith(("ceterms:", "ctdl:")) for k in data):
        nodes.append(_Node(data, ""))
    graph = data.get("@graph")
    if isinstance(graph, list):
        nodes += [
            _Node(item, join_pointer("/@graph", index))
            for index, item in enumerate(graph)
            if isinstance(item, Mapping)
        ]
    return nodes


def _references(data: Any) -> Iterator[str]:
    """Every ``@id`` a value points at (not the ``@id`` a node declares for itself)."""
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        value, is_node = stack.pop()
        if isinstance(value, Mapping):
            for key, item in value.items():
                if key == "@id":
                    if isinstance(item, str) and (len(value) == 1 and not is_node):
                        yield item
                    continue
                if key in ("@context", "@graph"):
                    if key == "@graph" and isinstance(item, list):
                        stack += [(node, True) for node in item]
                    continue
                stack.append((item, False))
        elif isinstance(value, list):
            stack += [(item, False) for item in value]
        elif isinstance(value, str) and not is_node:
            yield value


def _own_id(node: Mapping[str, Any]) -> str | None:
    ident = node.get("@id")
    return ident if isinstance(ident, str) else None


def _label(node: Mapping[str, Any]) -> str:
    name = _texts(_At(node.get("ceterms:name") or node.get("ctdl:name"), ""))
    if name:
        return name[0].text
    ident = node.get("@id")
    return ident if isinstance(ident, str) else "?"


def _has_ctdl_context(data: Mapping[str, Any]) -> bool:
    context = data.get("@context")
    values = context if isinstance(context, list) else [context]
    for value in values:
        if isinstance(value, str) and value.rstrip("/").split("://", 1)[-1] == (
            "credreg.net/ctdl/schema/context/json"
        ):
            return True
        if isinstance(value, Mapping):
            for prefix in ("ceterms", "ctdl"):
                iri = value.get(prefix)
                if isinstance(iri, str) and ("/ctdl/" in iri or "CTI Namespace" in iri):
                    return True
    return False


@lru_cache(maxsize=_CACHED)
def _country_code(text: str) -> str | None:
    """An ISO 3166-1 alpha-2 code for a code or an exact country name; else ``None``.

    >>> _country_code("United States"), _country_code("nl"), _country_code("Atlantis")
    ('US', 'NL', None)
    """
    import pycountry

    value = text.strip()
    if not value or len(value) > 80:
        return None
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        return None
    return str(country.alpha_2)


@lru_cache(maxsize=_CACHED)
def _currency_code(text: str) -> str | None:
    """An ISO 4217 code for a code or an exact currency name; else ``None``.

    >>> _currency_code("US Dollar"), _currency_code("eur"), _currency_code("$")
    ('USD', 'EUR', None)
    """
    import pycountry

    value = text.strip()
    if not value or len(value) > 80:
        return None
    try:
        currency = pycountry.currencies.lookup(value)
    except LookupError:
        return None
    return str(currency.alpha_3)


@lru_cache(maxsize=_CACHED)
def _language_tag(text: str) -> str | None:
    """A BCP 47 tag as given, or the ISO 639-1 code of a language's name; else ``None``.

    >>> _language_tag("en-US"), _language_tag("English"), _language_tag("Klingonese")
    ('en-US', 'en', None)
    """
    import pycountry

    value = text.strip()
    if _LANGUAGE_TAG.match(value):
        return value
    try:
        language = pycountry.languages.lookup(value)
    except LookupError:
        return None
    code = getattr(language, "alpha_2", None) or getattr(language, "alpha_3", None)
    return str(code) if code else None


# -- the importer ----------------------------------------------------------------------


class CtdlImporter:
    """CTDL (Credential Engine) JSON-LD: a credential or learning opportunity record."""

    ID: ClassVar[str] = "ctdl"
    DESCRIPTION: ClassVar[str] = (
        "CTDL JSON-LD (Credential Engine Registry): a credential or learning programme record"
    )

    def detect(self, source: Document) -> bool:
        """A CTDL credential or learning opportunity, alone or in an ``@graph``.

        Judged by content: a node whose ``@type`` is a CTDL credential or learning
        opportunity class, or a record in the CTDL context without any typed node.
        A record of organizations only is not a descriptor.
        """
        data = source.data
        if not isinstance(data, Mapping):
            return False
        nodes = _top_nodes(data)
        kinds = [_kind(node.data) for node in nodes]
        if any(kind in ("credential", "learning") for kind in kinds):
            return True
        return (
            _has_ctdl_context(data)
            and all(kind is None for kind in kinds)
            and any(str(k).startswith(("ceterms:", "ctdl:")) for n in nodes for k in n.data)
        )

    def convert(self, source: Document) -> Imported:
        """The descriptor a CTDL record describes; never raises for bad content."""
        return _Reader(self, source).convert()


# -- the exporter ----------------------------------------------------------------------


def _alignment(scheme: str, prefix: str, term: str) -> dict[str, Any]:
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": f"https://credreg.net/ctdl/terms/{scheme}",
        "ceterms:targetNode": f"{prefix}:{term}",
    }


def _export_class(kind: str | None, kept: Any) -> str:
    if isinstance(kept, str):
        found = _local_name(kept)
        if (
            found is not None
            and (kind is None or _descriptor_type(found[1]) == kind)
            and (_is_credential(found[1]) or found[1] in _LEARNING_CLASSES)
        ):
            return found[1]
    if kind is None:
        return "MicroCredential"
    return _EXPORT_CLASS.get(kind, "MicroCredential")


@dataclass(frozen=True)
class _Writer:
    """Text in the export's language: a language map, or a plain string without one."""

    language: str | None

    def text(self, value: str) -> Any:
        return {self.language: value} if self.language else value

    def texts(self, values: list[str]) -> Any:
        return {self.language: values} if self.language else values


def export_ctdl(descriptor: Mapping[str, Any]) -> dict[str, Any]:
    """A CTDL JSON-LD record carrying every field of ``descriptor`` that CTDL can carry.

    ``descriptor`` is descriptor data (as loaded from a file, or a model's dump);
    it must be a valid descriptor (a :class:`pydantic.ValidationError`, which is
    a :class:`ValueError`, says why not). See the module's docstring for the
    mapping and for what CTDL cannot carry.

    >>> record = export_ctdl({"id": "data-101", "title": "Data literacy", "language": "en"})
    >>> record["@type"], record["ceterms:ctid"], record["ceterms:name"]
    ('ceterms:MicroCredential', 'ce-100677a0-022a-537b-8cf8-8839c7a9164f', {'en': 'Data literacy'})
    """
    model = Descriptor.model_validate(dict(descriptor))
    language = model.language if model.language and _LANGUAGE_TAG.match(model.language) else None
    write = _Writer(language)
    stored = (model.extensions or {}).get("ctdl")
    kept: Mapping[str, Any] = stored if isinstance(stored, Mapping) else {}
    cls = _export_class(model.type, kept.get("type"))
    learning = cls in _LEARNING_CLASSES
    ctid = ctid_for(model.id)
    out: dict[str, Any] = {
        "@context": CTDL_CONTEXT,
        "@id": REGISTRY_RESOURCES + ctid,
        "@type": f"ceterms:{cls}",
        "ceterms:ctid": ctid,
    }
    if not _CTID.match(model.id):
        out["ceterms:codedNotation"] = model.id
    elif isinstance(kept.get("codedNotation"), str):
        out["ceterms:codedNotation"] = kept["codedNotation"]
    out["ceterms:name"] = write.text(model.title)
    if model.description is not None:
        out["ceterms:description"] = write.text(model.description)
    if model.url is not None:
        out["ceterms:subjectWebpage"] = model.url
    if model.language is not None:
        out["ceterms:inLanguage"] = [model.language]
    elif isinstance(kept.get("inLanguage"), list):
        out["ceterms:inLanguage"] = [t for t in kept["inLanguage"] if isinstance(t, str)]
    if model.version is not None:
        out["ceterms:versionIdentifier"] = [
            {"@type": "ceterms:IdentifierValue", "ceterms:identifierValueCode": model.version}
        ]
    _export_status(model.status, learning, out)
    _export_owners(model, kept, write, out)
    _export_audience(model, write, out)
    _export_relevance(model, kept, write, out)
    _export_workload(model, learning, write, out)
    _export_conditions(model, learning, write, out)
    _export_cost(model, kept, write, out)
    if model.delivery is not None and model.delivery.mode is not None:
        out["ceterms:deliveryType" if learning else "ceterms:learningDeliveryType"] = [
            _alignment("Delivery", "deliveryType", _DELIVERY_OUT[model.delivery.mode])
        ]
    _export_stacking(model, kept, write, out)
    _export_quality(model, write, out)
    _export_outcomes(model, write, out)
    return out


def _export_status(status: str | None, learning: bool, out: dict[str, Any]) -> None:
    if status is None:
        return
    term = _pascal(status.strip().lower())
    if term == "Retired":
        term = "Deprecated"
    if learning:
        if term in _LIFE_CYCLE_STATUS:
            out["ceterms:lifeCycleStatusType"] = _alignment("LifeCycleStatus", "lifeCycle", term)
    elif term in _CREDENTIAL_STATUS:
        out["ceterms:credentialStatusType"] = _alignment("CredentialStatus", "credentialStat", term)


def _organization(issuer: Issuer, write: _Writer) -> dict[str, Any] | None:
    org: dict[str, Any] = {"@type": "ceterms:CredentialOrganization"}
    if issuer.name is not None:
        org["ceterms:name"] = write.text(issuer.name)
    if issuer.url is not None:
        org["ceterms:subjectWebpage"] = issuer.url
    place: dict[str, Any] = {}
    if issuer.country is not None:
        place["ceterms:addressCountry"] = write.text(issuer.country)
    if issuer.region is not None:
        place["ceterms:addressRegion"] = write.text(issuer.region)
    if place:
        org["ceterms:address"] = [{"@type": "ceterms:Place", **place}]
    if issuer.parent is not None:
        org["ceterms:parentOrganization"] = [
            {"@type": "ceterms:CredentialOrganization", "ceterms:name": write.text(issuer.parent)}
        ]
    return org if len(org) > 1 else None


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _export_owners(
    model: Descriptor, kept: Mapping[str, Any], write: _Writer, out: dict[str, Any]
) -> None:
    owners: list[Any] = []
    for issuer in [model.issuer, *(model.co_issuers or [])]:
        org = _organization(issuer, write) if issuer is not None else None
        if org is not None:
            owners.append(org)
    owners += _strings(kept.get("ownedBy"))
    if owners:
        out["ceterms:ownedBy"] = owners
    elif _strings(kept.get("offeredBy")):
        out["ceterms:offeredBy"] = _strings(kept.get("offeredBy"))


def _export_audience(model: Descriptor, write: _Writer, out: dict[str, Any]) -> None:
    audience = model.audience
    if audience is None:
        return
    if audience.level is not None:
        levels = []
        for part in audience.level.split(", "):
            term = _LEVEL_TERMS.get(part)
            if term is not None:
                levels.append(_alignment("AudienceLevel", "audLevel", term))
            elif part.strip():
                levels.append(
                    {
                        "@type": "ceterms:CredentialAlignmentObject",
                        "ceterms:targetNodeName": write.text(part),
                    }
                )
        if levels:
            out["ceterms:audienceLevelType"] = levels
    if audience.prior_knowledge is not None:
        out["ceterms:recommends"] = [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:description": write.text(audience.prior_knowledge),
            }
        ]


def _aligned(framework: Any, code: Any, name: Any, url: Any, write: _Writer) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "ceterms:CredentialAlignmentObject"}
    if isinstance(framework, str):
        if framework.startswith(("http://", "https://")):
            item["ceterms:framework"] = framework
        else:
            item["ceterms:frameworkName"] = write.text(framework)
    if isinstance(url, str):
        item["ceterms:targetNode"] = url
    if isinstance(code, str):
        item["ceterms:codedNotation"] = code
    if isinstance(name, str):
        item["ceterms:targetNodeName"] = write.text(name)
    return item


def _export_relevance(
    model: Descriptor, kept: Mapping[str, Any], write: _Writer, out: dict[str, Any]
) -> None:
    if model.relevance is not None and model.relevance.occupations:
        out["ceterms:occupationType"] = [
            _aligned(o.framework, o.code, o.title, None, write) for o in model.relevance.occupations
        ]
    industries = kept.get("industryType")
    if isinstance(industries, list):
        exported = [
            _aligned(i.get("framework"), i.get("code"), i.get("name"), None, write)
            if set(i) - {"url"}
            else i.get("url")
            for i in industries
            if isinstance(i, Mapping)
        ]
        exported = [e for e in exported if e]
        if exported:
            out["ceterms:industryType"] = exported
    keywords = _strings(kept.get("keyword"))
    if keywords:
        out["ceterms:keyword"] = write.texts(keywords)


def _value_profile(
    value: float, term: str | None, description: str | None, write: _Writer
) -> dict[str, Any]:
    profile: dict[str, Any] = {"@type": "ceterms:ValueProfile"}
    if term is not None:
        profile["ceterms:creditUnitType"] = [_alignment("CreditUnit", "creditUnit", term)]
    if description is not None:
        profile["ceterms:creditUnitTypeDescription"] = write.text(description)
    profile["schema:value"] = int(value) if float(value).is_integer() else value
    return profile


def _export_workload(
    model: Descriptor, learning: bool, write: _Writer, out: dict[str, Any]
) -> None:
    workload = model.workload
    durations = []
    if workload is not None and workload.hours is not None:
        durations.append(
            {
                "@type": "ceterms:DurationProfile",
                "ceterms:exactDuration": iso_hours_duration(workload.hours),
            }
        )
    if workload is not None and workload.duration_weeks is not None:
        durations.append(
            {
                "@type": "ceterms:DurationProfile",
                "ceterms:exactDuration": iso_weeks_duration(workload.duration_weeks),
            }
        )
    if durations:
        out["ceterms:estimatedDuration"] = durations
    if learning:
        credits = _credits(model, write)
        if credits:
            out["ceterms:creditValue"] = credits


def _credits(model: Descriptor, write: _Writer) -> list[dict[str, Any]]:
    credits = []
    workload = model.workload
    if workload is not None:
        if workload.credit_hours is not None:
            credits.append(_value_profile(workload.credit_hours, "SemesterHour", None, write))
        if workload.ceus is not None:
            credits.append(_value_profile(workload.ceus, "ContinuingEducationUnit", None, write))
        if workload.ects is not None:
            credits.append(_value_profile(workload.ects, None, "ECTS", write))
    credit = model.stackability.credit if model.stackability else None
    if credit is not None and credit.value is not None:
        unit = credit.unit
        term = _pascal(unit) if unit and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", unit) else None
        credits.append(_value_profile(credit.value, term, None if term else unit, write))
    return credits


def _export_conditions(
    model: Descriptor, learning: bool, write: _Writer, out: dict[str, Any]
) -> None:
    requirements: dict[str, Any] = {}
    credits = [] if learning else _credits(model, write)
    if credits:
        requirements["ceterms:creditValue"] = credits
    if model.assessments:
        assessments = []
        for assessment in model.assessments:
            item: dict[str, Any] = {"@type": "ceterms:AssessmentProfile"}
            if assessment.id is not None:
                item["ceterms:codedNotation"] = assessment.id
            if assessment.type is not None:
                method = _ASSESSMENT_METHODS.get(assessment.type)
                if method is not None:
                    item["ceterms:assessmentMethodType"] = [
                        _alignment("AssessmentMethod", "assessMethod", method)
                    ]
                else:
                    item["ceterms:assessmentMethodDescription"] = write.text(assessment.type)
            if assessment.description is not None:
                item["ceterms:description"] = write.text(assessment.description)
            if assessment.passing_standard is not None:
                item["ceterms:scoringMethodDescription"] = write.text(assessment.passing_standard)
            assessments.append(item)
        requirements["ceterms:targetAssessment"] = assessments
    conditions: list[dict[str, Any]] = []
    if requirements:
        conditions.append(
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:description": write.text(_EARNING),
                **requirements,
            }
        )
    prerequisites = model.prerequisites
    items = [prerequisites] if isinstance(prerequisites, str) else prerequisites or []
    conditions += [
        {"@type": "ceterms:ConditionProfile", "ceterms:description": write.text(item)}
        for item in items
    ]
    if conditions:
        out["ceterms:requires"] = conditions


#: The description of the condition that carries credits and assessments.
_EARNING = "To earn this credential, the learner meets the conditions given here."


def _export_cost(
    model: Descriptor, kept: Mapping[str, Any], write: _Writer, out: dict[str, Any]
) -> None:
    cost = model.cost
    if cost is None:
        return
    profiles = []
    main: dict[str, Any] = {"@type": "ceterms:CostProfile"}
    details = kept.get("costDetails")
    if isinstance(details, str):
        main["ceterms:costDetails"] = details
    if isinstance(cost.includes, str):
        main["ceterms:description"] = write.text(cost.includes)
    elif cost.includes:
        main["ceterms:description"] = write.text("; ".join(cost.includes))
    if cost.currency is not None:
        main["ceterms:currency"] = cost.currency
    if cost.amount is not None:
        main["ceterms:price"] = int(cost.amount) if cost.amount.is_integer() else cost.amount
    if len(main) > 1:
        main["ceterms:directCostType"] = _alignment("CostType", "costType", "AggregateCost")
        profiles.append(main)
    fees = cost.additional_fees
    for fee in [fees] if isinstance(fees, str) else fees or []:
        profile: dict[str, Any] = {"@type": "ceterms:CostProfile"}
        if isinstance(details, str):
            profile["ceterms:costDetails"] = details
        profile["ceterms:description"] = write.text(fee)
        profiles.append(profile)
    if profiles:
        out["ceterms:estimatedCost"] = profiles
    aid = cost.financial_aid
    if aid is not None and aid.eligible is not False and (aid.programs or aid.statement):
        assistance: list[dict[str, Any]] = [
            {"@type": "ceterms:FinancialAssistanceProfile", "ceterms:name": write.text(program)}
            for program in aid.programs or []
        ]
        if aid.statement is not None:
            if not assistance:
                assistance.append({"@type": "ceterms:FinancialAssistanceProfile"})
            assistance[0]["ceterms:description"] = write.text(aid.statement)
        out["ceterms:financialAssistance"] = assistance


def _reference(ident: Any, title: Any, kind: Any, write: _Writer) -> Any:
    """A stack target or a part: a plain reference when only its address is known."""
    is_address = isinstance(ident, str) and ident.startswith(("http://", "https://"))
    if is_address and title is None and kind is None:
        return ident
    node: dict[str, Any] = {}
    if isinstance(kind, str):
        node["@type"] = f"ceterms:{_export_class(kind, None)}"
    if isinstance(ident, str):
        if is_address:
            node["@id"] = ident
        else:
            node["ceterms:ctid"] = ctid_for(ident)
            if not _CTID.match(ident):
                node["ceterms:codedNotation"] = ident
    if isinstance(title, str):
        node["ceterms:name"] = write.text(title)
    return node


def _export_stacking(
    model: Descriptor, kept: Mapping[str, Any], write: _Writer, out: dict[str, Any]
) -> None:
    stack = model.stackability
    if stack is not None and stack.stacks_into:
        out["ceterms:isPartOf"] = [
            _reference(t.id, t.title, t.type, write) for t in stack.stacks_into
        ]
    parts = kept.get("hasPart")
    if isinstance(parts, list):
        exported = [
            _reference(p.get("id"), p.get("title"), p.get("type"), write)
            for p in parts
            if isinstance(p, Mapping)
        ]
        if exported:
            out["ceterms:hasPart"] = exported


def _export_quality(model: Descriptor, write: _Writer, out: dict[str, Any]) -> None:
    quality = model.quality_assurance
    if quality is None or quality.type is None:
        return
    role = {kind: name for name, kind in _QA_ROLES}.get(quality.type.strip().lower())
    if role is None:
        return
    body: dict[str, Any] = {"@type": "ceterms:QACredentialOrganization"}
    if quality.body is not None:
        body["ceterms:name"] = write.text(quality.body)
    out[f"ceterms:{role}"] = [body]


def _export_outcomes(model: Descriptor, write: _Writer, out: dict[str, Any]) -> None:
    if not model.learning_outcomes:
        return
    teaches = []
    for outcome in model.learning_outcomes:
        competency: dict[str, Any] = {
            "@type": "ceasn:Competency",
            "ceasn:competencyText": write.text(outcome.statement),
        }
        if outcome.id is not None:
            competency["ceasn:codedNotation"] = outcome.id
        teaches.append(competency)
    out["ceterms:teaches"] = teaches
