"""Markdown pages in, descriptors out: catalog pages with YAML front matter, design documents.

Two kinds of page carry microcredential data in Markdown. Catalog sites (Jekyll,
Hugo) put it in a YAML *front matter* between ``---`` lines at the top; design
documents and specifications put it in the *body*: headings such as "Learning
outcomes" or "Assessment" followed by lists and paragraphs, and "**Label:** value"
lines. :class:`MarkdownImporter` reads both. The page is parsed with
markdown-it-py (CommonMark, with tables); the front matter with mcqa's own YAML
loader, so duplicate keys, unsafe tags and size bounds are handled as for any
descriptor, and its findings are moved to the page's own lines.

What the page says is carried over where its meaning is clear. Where it is not
(``3 credits`` of an unnamed system, ``EQF 4/5``, a price in ``$`` of an unnamed
country, ``On-site or Remote``), the importer makes a ``warning`` finding with the
rule ``import-ambiguous`` at the line concerned, leaves the descriptor field
unset and keeps the text in ``extensions``. A body section it has no field for
gets one ``info`` finding (``import-unmapped``). Every field it sets has a
:class:`~mcqa.importers._base.Provenance`: the front-matter key, the section and
item, or the label line, with its line (and column) in the file.

Front matter
------------

========================================================  ==============================================
key (``-`` and ``_`` alike, any case)                     descriptor field
========================================================  ==============================================
any descriptor field (``id``, ``title``, ``workload``...) the same field, when the value has its shape;
                                                          otherwise read as in the rows below
``title``, ``name``                                       ``title``
``id``, ``slug``                                          ``id``
``description``                                           ``description``
``summary``, ``excerpt``, ``abstract``, ``subtitle``      ``description`` when there is none, else
                                                          ``extensions.summary``
``lang``, ``language``, ``inlanguage``                    ``language`` (a tag; ``English`` -> ``en``)
``learning_outcomes``, ``outcomes``,                      ``learning_outcomes``
``what_you_will_learn``
``objectives``, ``learning_objectives``, ``goals``,       ``learning_outcomes`` when the page has no
``competencies``                                          outcomes, else ``extensions.learning_objectives``
``keypoints``, ``key_points``; ``questions``              ``extensions.keypoints``; ``extensions.questions``
``time_estimation``, ``duration``, ``workload``,          ``workload``: hours (``20 hours``, ``PT45H``,
``estimated_time``, ``effort``, ``time_commitment``,      ``2h``, ``1H30M``, ``90 minutes``), weeks
``study_load``, ``length``                                (``6 weeks``, ``P6W``), ECTS (``5 ECTS``)
``hours``                                                 ``workload.hours``
``ects``, ``ects_credits``                                ``workload.ects``
``credit_hours``; ``ceus``, ``ceu``                       ``workload.credit_hours``; ``workload.ceus``
``duration_weeks``, ``weeks``                             ``workload.duration_weeks``
``credits``, ``credit``                                   ambiguous (no system named): a finding
``teaching`` with ``exercises`` (Carpentries lessons)     ``workload.hours``, their sum read as minutes
``level``                                                 ``level`` when it names a framework
                                                          (``EQF 6``), ``audience.level`` for a word
                                                          (``Introductory``); a bare number is ambiguous
``eqf``, ``eqf_level``; ``nqf_level``; ``nlqf_level``     ``level`` in that framework
``difficulty``                                            ``audience.level``
``provider``, ``issuer``, ``institution``,                ``issuer.name``
``organization``, ``organisation``, ``university``,
``awarding_body``
``author``, ``authors``                                   ``issuer.name`` when no key above gives one,
                                                          with a warning (an author may be a person)
``country``                                               ``issuer.country`` (``Netherlands`` -> ``NL``)
``price``, ``cost``, ``fee``, ``fees``, ``tuition``       ``cost.amount`` (and ``cost.currency`` from
                                                          ``EUR``, ``€``, ``£``...; ``free`` is 0)
``currency``                                              ``cost.currency``
``tags``, ``keywords``, ``categories``                    ``extensions.tags``
``prerequisites``, ``requirements``, ``prereqs``,         ``prerequisites``
``entry_requirements``
``audience``, ``target_audience``                         ``audience.description`` (text)
``url``, ``course_url``, ``link``                         ``url`` (an absolute web address)
``mode``, ``delivery``, ``delivery_mode``, ``format``,    ``delivery.mode`` when it is online, on-site
``modality``                                              or blended (``hybrid``, ``in person``...)
``type``, ``credential_type``                             ``type``
``draft: true``                                           ``status: draft``
any other key                                             ``extensions.front_matter`` (same key)
========================================================  ==============================================

Body
----

Headings of any level, numbered or not (``## 12. Learning Outcomes:``), and
"**Label:** value" lines (also ``Label: value`` or ``*Label:*`` as the first
line of a list item, for the labels below) are matched by their words, without
case, accents or punctuation. A heading's section runs to the next heading of
the same or a higher level that means something else; a label's value is the
rest of its line, or, when that is empty or ends with a colon, the lines and
blocks that follow it up to the next label. English names are listed; Dutch,
German, French and Spanish ones are matched too.

==================================================  ======================================================
heading or label (examples)                         descriptor field
==================================================  ======================================================
Title, Name of the micro-credential, Official       ``title`` (else the first level-1 heading, without a
title                                               "Micro-credential:" prefix; else the file name)
Learning outcomes, What you will learn, Skills      ``learning_outcomes``: the list items, as text
you will gain
Learning objectives, Objectives, Competencies,      ``learning_outcomes`` when there are no outcomes, else
Goals                                               ``extensions.learning_objectives``
Assessment, Assessment methods, How you are         ``assessments``: one per list item (``description``;
assessed                                            ``type`` from an "Assessment type:" sub-item)
Type of assessment                                  ``assessments`` (one, ``type``) when no list is given
Prerequisites, Requirements, Admission              ``prerequisites`` (a list, or the text)
requirements, Entry requirements
Cost, Price, Fees, Tuition                          ``cost.amount``, ``cost.currency``
Workload, Notional workload, Duration, Time         ``workload`` (see the front matter)
commitment, Study load, ECTS, Credits
Workload theoretical, Workload practical,           ``workload.hours``: their sum, when there are two
Theoretical hours, Practical hours, Self-study      or more parts
Level, EQF level, Level of experience, Difficulty   ``level`` and ``audience.level``
Target audience, Who is this for, Who should        ``audience.description``
attend
Description, Overview, About, About this course     ``description``
Summary                                             ``description`` when there is none
Quality assurance                                   ``extensions.quality_assurance`` (text)
Issuer, Awarding body, Provider, Issuing            ``issuer.name``
university, Institution, Certifying university
Country, Country of the issuer                      ``issuer.country``
Stackability, Pathways, Integration/stackability    ``extensions.stackability`` (text)
options
Language, Language of instruction                   ``language``
Form of participation, Mode of instruction,         ``delivery.mode`` (online, on-site, blended)
Delivery mode, Format
Supervision and identity verification               ``identity_verification`` (none, supervised,
                                                    supervised-id-check)
Start and end date, Dates, Schedule                 ``delivery.schedule``
Accessibility                                       ``accessibility.statement``
Equity, Inclusion                                   ``equity.statement``
Contact                                             ``contact.email`` and ``contact.url`` (from the text
                                                    and its links)
Credential type, Type of credential                 ``type``
URL, Course page                                    ``url``
==================================================  ======================================================

``id`` comes from the front matter, else from the file name (the folder's name
for ``index.md``, ``_index.md``, ``README.md`` and ``tutorial.md``). Tables,
code, and prose that is under no heading or label above are not read as data.

Findings the importer makes (beside the front matter's own YAML findings):

- ``import-ambiguous`` (warning): a value whose meaning is unclear, or two
  different values for one field (the first is kept);
- ``import-unmapped`` (info): a body section (or the text before the first
  heading) that has no descriptor field; front-matter keys without one are
  kept in ``extensions.front_matter`` without a finding;
- ``import-missing`` (warning): no title anywhere; the file name stands in;
- ``limit-size`` (error): a page longer than mcqa reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError

from mcqa.importers._base import Imported, Provenance, descriptor_document
from mcqa.importers._units import iso_duration_hours, iso_duration_weeks, number
from mcqa.load import Document, LoadLimits, Position, escape_token, load_text
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding, RelatedLocation, Severity

#: Entries kept by each cache of values read from files: bounded, so that a large
#: catalog's many distinct codes and ids cannot grow a process without end.
_CACHED = 4096

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["MarkdownImporter"]

AMBIGUOUS = "import-ambiguous"
UNMAPPED = "import-unmapped"
MISSING = "import-missing"

# Ranks: the higher one wins; within one rank, the first in the file.
_FRONT = 30
_BODY = 20
_NESTED = 19  # a label in a nested list item (per module, say)
_SECONDARY = 5  # subtracted for objectives (beside outcomes) and summaries (beside descriptions)
_HEADING_TITLE = 5

_MAX_LABEL = 160
_MAX_CONFLICTS = 5
_MAX_VALUE_SCAN = 4000

# -- words ----------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lowercase words without accents, apostrophes or punctuation, numbering dropped.

    >>> _fold("## 12. Learning Outcomes:"), _fold("What You\\u2019ll Learn"), _fold("Résumé & CV")
    ('learning outcomes', 'what youll learn', 'resume and cv')
    """
    text = unicodedata.normalize("NFKD", text[:_MAX_VALUE_SCAN])
    chars: list[str] = []
    for char in text:
        if unicodedata.combining(char):
            continue
        if char in "'`\u2018\u2019\u00b4":
            continue
        if char == "&":
            chars.append(" and ")
        elif char.isalnum():
            chars.append(char.lower())
        else:
            chars.append(" ")
    words = "".join(chars).split()
    while words and words[0].isdigit() and len(words) > 1:
        words.pop(0)
    return " ".join(words)


def _strip_parentheses(text: str) -> str:
    """``text`` without parenthesised remarks: ``Hybrid (online and on campus)`` -> ``Hybrid``."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return " ".join("".join(out).split())


def _clean(text: str) -> str:
    """Whitespace collapsed, surrounding spaces and a trailing colon dropped."""
    text = " ".join(text.split())
    return text[:-1].rstrip() if text.endswith(":") else text


@dataclass(frozen=True)
class _Target:
    """What a heading, label or front-matter key stands for."""

    kind: str
    hint: str | None = None
    """A unit (``ects``, ``hours``...) or a framework (``EQF``) that the name gives."""


def _phrases(text: str) -> list[str]:
    return [phrase.strip() for phrase in text.split("|") if phrase.strip()]


def _targets(table: Mapping[str, str]) -> dict[str, _Target]:
    """``{"kind:hint": "phrase | phrase"}`` as folded phrase -> target."""
    found: dict[str, _Target] = {}
    for spec, phrases in table.items():
        kind, _, hint = spec.partition(":")
        for phrase in _phrases(phrases):
            found[_fold(phrase)] = _Target(kind, hint or None)
    return found


#: Headings and labels, by what they stand for. Matched after folding (see ``_fold``).
_NAMES = _targets(
    {
        "title": """title | official title | course title | name | course name | credential name
            | name of microcredential | name of the microcredential | name of micro-credential
            | name of the micro-credential | title of the micro-credential
            | title of the microcredential | title of micro-credential | microcredential name
            | micro-credential name | programme name | program name | naam | titel
            | naam van de microcredential | titre | intitule | nom | titulo | nombre
            | nombre de la microcredencial | name des microcredentials""",
        "outcomes": """learning outcomes | learning outcome | intended learning outcomes | outcomes
            | what you will learn | what you'll learn | what you learn | you will learn
            | what will you learn | skills you will gain | skills you'll gain
            | leerresultaten | leeruitkomsten | beoogde leerresultaten | lernergebnisse
            | was sie lernen | acquis d'apprentissage | resultats d'apprentissage
            | ce que vous apprendrez | resultados de aprendizaje | que aprenderas
            | lo que aprenderas""",
        "objectives": """learning objectives | learning objective | objectives | course objectives
            | learning goals | goals | aims | competencies | competences | key competencies
            | leerdoelen | doelstellingen | competenties | lernziele | kompetenzen | objectifs
            | objectifs pedagogiques | competences visees | objetivos
            | objetivos de aprendizaje | competencias""",
        "assessments": """assessment | assessments | assessment methods | assessment method
            | methods of assessment | assessment approach | how you are assessed
            | how you will be assessed | how you'll be assessed | examination | toetsing
            | toetsvorm | beoordeling | evaluation | prufung | prufungsform | leistungsnachweis
            | modalites d'evaluation | evaluacion | metodos de evaluacion
            | sistema de evaluacion""",
        "assessment_type": "type of assessment | assessment type | assessment types",
        "prerequisites": """prerequisites | prerequisite | requirements | entry requirements
            | admission requirements | requirements for admission | prior knowledge
            | prerequisites needed to enrol
            | prerequisites needed to enrol in the learning activity | before you start
            | voorkennis | toelatingseisen | ingangseisen | voraussetzungen
            | zugangsvoraussetzungen | teilnahmevoraussetzungen | vorkenntnisse | prerequis
            | pre-requis | conditions d'admission | requisitos | requisitos de admision
            | requisitos previos | prerrequisitos""",
        "cost": """cost | costs | price | pricing | fee | fees | tuition | tuition fee
            | tuition fees | course fee | participation fee | total cost | certificate cost
            | kosten | prijs | collegegeld | preis | gebuhren | teilnahmegebuhr | cout | prix
            | frais | tarif | costo | coste | precio | matricula""",
        "workload": """workload | notional workload | study load | duration | course duration
            | time commitment | time required | estimated time | effort | length
            | volume of learning | notional workload needed to achieve the learning outcomes
            | studielast | studiebelasting | duur | omvang | arbeitsaufwand | dauer | umfang
            | zeitaufwand | charge de travail | duree | volume horaire | carga de trabajo
            | duracion | dedicacion""",
        "workload:hours": "hours | total hours | study hours | learning hours",
        "workload:ects": """ects | ects credits | ects credit | credits ects | ects points
            | study points | studiepunten | ec | leistungspunkte | creditos ects""",
        "workload:credits": "credits | credit | credit value | study credits | creditos",
        "workload:credit_hours": "credit hours | semester credit hours",
        "workload:ceus": "ceu | ceus | continuing education units",
        "workload_part": """workload theoretical | workload practical | theoretical workload
            | practical workload | theoretical hours | practical hours | total theoretical hours
            | total practical hours | self-study | self-study hours | contact hours
            | workload theory | workload practice""",
        "level": """level | qualification level | level of the learning experience | niveau
            | nivel | stufe | level of experience | experience level | difficulty
            | difficulty level""",
        "level:EQF": "eqf level | eqf | level eqf | eqf niveau | nivel eqf | niveau eqf",
        "level:NQF": "nqf level | nqf",
        "level:NLQF": "nlqf level | nlqf | nlqf niveau",
        "audience": """target audience | audience | who is this for | who this is for
            | who is it for | who should attend | who should take this course
            | intended audience | target group | doelgroep | zielgruppe | public cible
            | public vise | publico objetivo | audiencia objetivo | dirigido a""",
        "description": """description | overview | about | about this course | about the course
            | about this microcredential | about this micro-credential | course description
            | course overview | beschrijving | omschrijving | over deze cursus | beschreibung
            | uberblick | presentation | apercu | descripcion | descripcion general""",
        "summary": "summary | samenvatting | zusammenfassung | resume | resumen",
        "quality": """quality assurance | type of quality assurance
            | type of quality assurance used to underpin the micro-credential
            | kwaliteitszorg | kwaliteitsborging | qualitatssicherung | assurance qualite
            | aseguramiento de la calidad | garantia de calidad""",
        "issuer": """issuer | issuing university | issuing institution | issuing organisation
            | issuing organization | issuing body | awarding body | awarding bodies
            | awarding institution | provider | institution | university
            | certifying university | certifying institution | offered by | provided by
            | aanbieder | instelling | uitgevende instelling | anbieter | aussteller
            | hochschule | emetteur | etablissement | organisme | universidad emisora
            | entidad emisora | institucion | proveedor""",
        "country": """country | country of the issuer | country/region of the issuer
            | countries/regions of the issuer | land | pays | pais""",
        "stackability": """stackability | stackability options | pathways | pathway | stacking
            | integration/stackability options | progression | stapelbaarheid | empilement
            | apilabilidad""",
        "language": """language | languages | language of instruction | language of the course
            | taal | voertaal | sprache | unterrichtssprache | langue
            | langue d'enseignement | idioma | lengua""",
        "mode": """form of participation | form of participation in the learning activity
            | mode of instruction | mode of delivery | delivery mode | delivery format | mode
            | format | delivery | learning mode | modality | teaching mode | onderwijsvorm
            | lernform | durchfuhrungsform | modalite | mode d'enseignement | modalidad""",
        "identity": """supervision and identity verification
            | supervision and verification of identity | identity verification | supervision""",
        "schedule": "start and end date | start and end dates | dates | schedule",
        "accessibility": """accessibility | accessibility statement | toegankelijkheid
            | barrierefreiheit | accessibilite | accesibilidad""",
        "equity": "equity | inclusion | diversity and inclusion | equity and inclusion",
        "contact": "contact | contact information | contact us | kontakt | contacto",
        "type": "credential type | type of credential | type of micro-credential",
        "url": "url | course page | web page | webpage | course url | link",
    }
)

#: Front-matter keys that are not descriptor fields (``_`` and ``-`` read as spaces).
_FRONT_KEYS = _targets(
    {
        "title": "name",
        "id": "slug",
        "summary": "summary | excerpt | abstract | subtitle",
        "language": "lang | inlanguage",
        "outcomes": "outcomes | what you will learn",
        "objectives": "objectives | learning objectives | goals | competencies",
        "extension:keypoints": "keypoints | key points",
        "extension:questions": "questions",
        "workload": """time estimation | duration | estimated time | effort | time commitment
            | study load | length""",
        "workload:hours": "hours",
        "workload:ects": "ects | ects credits",
        "workload:credit_hours": "credit hours",
        "workload:ceus": "ceus | ceu",
        "workload:weeks": "duration weeks | weeks",
        "workload:credits": "credits | credit",
        "level:EQF": "eqf | eqf level",
        "level:NQF": "nqf level",
        "level:NLQF": "nlqf level | nlqf",
        "audience_level": "difficulty",
        "issuer": "provider | institution | organization | organisation | university | awarding body",
        "author": "author | authors",
        "country": "country",
        "cost": "price | fee | fees | tuition",
        "currency": "currency",
        "extension:tags": "tags | keywords | categories",
        "prerequisites": "requirements | prereqs | entry requirements",
        "audience": "target audience",
        "url": "course url | link",
        "mode": "mode | delivery mode | format | modality",
        "type": "credential type",
        "draft": "draft",
    }
)

_DESCRIPTOR_FIELDS = frozenset(Descriptor.model_fields) - {"descriptor_format"}

#: What the importer reads for a descriptor field whose front-matter value has another shape.
_FIELD_READINGS = {
    "title": "title",
    "id": "id",
    "language": "language",
    "learning_outcomes": "outcomes",
    "workload": "workload",
    "level": "level",
    "issuer": "issuer",
    "cost": "cost",
    "prerequisites": "prerequisites",
    "audience": "audience",
    "url": "url",
    "delivery": "mode",
    "type": "type",
    "assessments": "assessments",
    "quality_assurance": "quality",
    "stackability": "stackability",
    "accessibility": "accessibility",
    "equity": "equity",
    "contact": "contact",
    "identity_verification": "identity",
    "description": "description",
}

# -- values ---------------------------------------------------------------------------


def _table(table: Mapping[str, str]) -> dict[str, str]:
    """``{"value": "phrase | phrase"}`` as folded phrase -> value."""
    return {_fold(phrase): value for value, text in table.items() for phrase in _phrases(text)}


_LANGUAGES = _table(
    {
        "en": "english | engels | englisch | anglais | ingles | inglese",
        "nl": "dutch | nederlands | niederlandisch | neerlandais | neerlandes | flemish",
        "de": "german | deutsch | duits | allemand | aleman | tedesco",
        "fr": "french | francais | frans | franzosisch | frances | francese",
        "es": "spanish | espanol | castellano | castilian | spaans | spanisch | espagnol",
        "it": "italian | italiano | italiaans | italienisch | italien",
        "pt": "portuguese | portugues | portugees | portugiesisch | portugais",
        "pl": "polish | polski",
        "sv": "swedish | svenska",
        "da": "danish | dansk",
        "fi": "finnish | suomi",
        "no": "norwegian | norsk",
        "ca": "catalan | catala",
        "el": "greek | ellinika",
        "cs": "czech | cestina",
        "hu": "hungarian | magyar",
        "ro": "romanian | romana",
        "et": "estonian | eesti",
        "eu": "basque | euskara",
        "gl": "galician | galego",
    }
)

_LIST_SEPARATORS = re.compile(r"\s*(?:,|/|;|\+|&|\band\b|\bor\b|\ben\b|\bund\b|\bet\b|\by\b)\s*")

_COUNTRIES = _table(
    {
        "GB": "uk | great britain | britain | england | scotland | wales",
        "NL": "holland | the netherlands | nederland",
        "DE": "deutschland",
        "ES": "espana",
        "BE": "belgie | belgique",
        "AT": "osterreich",
        "CH": "schweiz | suisse",
        "IT": "italia",
        "US": "usa | the united states",
    }
)

_MODES = _table(
    {
        "online": """online | fully online | 100% online | online only | entirely online | remote
            | virtual | distance | distance learning | e-learning | elearning""",
        "on-site": """on-site | onsite | on site | in person | in-person | face-to-face | classroom
            | on campus | campus | presencial | op locatie | prasenz | presentiel | fysiek""",
        "blended": "blended | hybrid | blended learning | hybride | semipresencial | mixed",
    }
)

_IDENTITY = _table(
    {
        "none": """none | unsupervised | no supervision
            | unsupervised with no identity verification
            | unsupervised without identity verification""",
        "supervised": """supervised | supervised with no identity verification
            | supervised without identity verification""",
        "supervised-id-check": """supervised-id-check | supervised with identity verification
            | supervised online with identity verification
            | supervised onsite with identity verification
            | supervised on-site with identity verification
            | supervised online or onsite with identity verification""",
    }
)

_PACES = frozenset(
    _phrases("self paced | self directed | cohort | cohort based | part time | full time")
)

_CURRENCIES = {
    "\u20ac": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "\u00a3": "GBP", "gbp": "GBP",
    "us$": "USD", "usd": "USD", "ca$": "CAD", "c$": "CAD", "cad": "CAD", "a$": "AUD",
    "au$": "AUD", "aud": "AUD", "nz$": "NZD", "nzd": "NZD", "chf": "CHF", "\u20b9": "INR",
}  # fmt: skip
_AMBIGUOUS_CURRENCIES = {"$": "dollars", "\u00a5": "yen or yuan", "kr": "kronor or kroner"}
_FREE = frozenset(
    _phrases("free | free of charge | gratis | kostenlos | gratuit | gratuito | kosteloos "
             "| no cost | no charge | none")
)  # fmt: skip

_UNIT_OF = {
    word: unit
    for unit, words in {
        "hours": """hour | hours | hr | hrs | h | uur | uren | u | stunde | stunden | std | heure
            | heures | hora | horas | ora | ore""",
        "minutes": "minute | minutes | min | mins | minuten | minuto | minutos | minuti",
        "weeks": """week | weeks | wk | wks | weken | woche | wochen | semaine | semaines | semana
            | semanas | settimana | settimane""",
        "days": "day | days | dag | dagen | tag | tage | jour | jours | dia | dias | giorno | giorni",
        "months": """month | months | maand | maanden | monat | monate | mois | mes | meses | mese
            | mesi""",
        "years": "year | years | jaar | jahr | jahre | ans | ano | anos",
        "ects": "ects | ec | studiepunten | studiepunt | lp | leistungspunkte",
        "credits": "credit | credits | cr | cp | creditos | credito | punten",
        "ceus": "ceu | ceus",
    }.items()
    for word in _phrases(words)
}

_GALAXY_TIME = re.compile(r"\d{1,4}[Hh]\d{1,4}[Mm]|\d{1,4}[HhMm]")

_TITLE_PREFIX_WORDS = _phrases(
    "credential | credencial | course | badge | certificate | cursus | kurs | cours | curso "
    "| workshop | specification | design document | programme | program"
)

_GENERIC_WORDS = frozenset(
    _phrases("course | workshop | programme | program | module | certificate | training | class")
)

#: What a heading such as "Course prerequisites" may stand for, without its first word.
_GENERIC_KINDS = frozenset(
    {"description", "outcomes", "objectives", "prerequisites", "assessments", "audience", "cost"}
)

_FOLDER_NAMED = frozenset({"index", "_index", "readme", "tutorial", "slides"})

# -- the page as blocks -------------------------------------------------------------


@dataclass
class _Line:
    """One physical line of a paragraph or heading, as plain text."""

    number: int
    text: str
    column: int = 1
    label: str | None = None
    """The label, when the line starts with "**Label:**" (or ``Label:``; see ``kind``)."""
    label_kind: str = ""
    """``strong`` for "**Label:**", ``em`` for "*Label:*", ``plain`` for ``Label:``."""
    value: str = ""
    """The text after the label (the whole text when there is none)."""
    links: list[str] = field(default_factory=list)
    claimed: bool = False


@dataclass
class _Block:
    kind: str
    """``heading``, ``para``, ``list``, ``item``, ``quote``, ``table``, ``code``, ``html``, ``hr``."""
    line: int
    end: int
    level: int = 0
    lines: list[_Line] = field(default_factory=list)
    children: list[_Block] = field(default_factory=list)
    text: str = ""
    claimed: bool = False

    def has_content(self) -> bool:
        if self.claimed:
            return False
        if self.kind in ("para", "heading"):
            return any(not line.claimed and line.text.strip() for line in self.lines)
        if self.kind in ("list", "item", "quote"):
            return any(child.has_content() for child in self.children)
        if self.kind == "hr":
            return False
        return bool(self.text.strip())


@dataclass
class _Section:
    heading: _Block | None
    title: str
    target: _Target | None
    blocks: list[_Block] = field(default_factory=list)
    owner: _Section | None = None
    owned: list[_Section] = field(default_factory=list)
    label_kinds: set[str] = field(default_factory=set)


def _parser() -> MarkdownIt:
    # Imported here, not at the top, so that reading YAML and JSON files never pays for it.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_lines(token: Token, first: int, last: int, raw: Sequence[str]) -> list[_Line]:
    """The lines of an inline token as plain text, each with its label if it has one."""
    lines: list[_Line] = []
    number = first
    parts: list[tuple[str, int]] = []  # (text, strong span id or 0, or -em span id)
    links: list[str] = []
    strong = em = 0
    spans = 0
    strong_id = em_id = 0

    def flush() -> None:
        lines.append(_label_line(parts, min(number, last), links, raw))

    for child in token.children or []:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            flush()
            parts = []
            links = []
            number += 1
            continue
        if kind == "strong_open":
            strong += 1
            spans += 1
            strong_id = spans
        elif kind == "strong_close":
            strong = max(strong - 1, 0)
        elif kind == "em_open":
            em += 1
            spans += 1
            em_id = spans
        elif kind == "em_close":
            em = max(em - 1, 0)
        elif kind == "link_open":
            href = child.attrGet("href")
            if isinstance(href, str):
                links.append(href)
        elif kind in ("text", "code_inline", "html_inline", "text_special"):
            content = child.content
            mark = strong_id if strong else (-em_id if em else 0)
            if "\n" in content:  # code or HTML spanning lines
                pieces = content.split("\n")
                for piece in pieces[:-1]:
                    parts.append((piece, mark))
                    flush()
                    parts = []
                    links = []
                    number += 1
                content = pieces[-1]
            parts.append((content, mark))
    flush()
    return lines


def _label_line(
    parts: Sequence[tuple[str, int]], number: int, links: list[str], raw: Sequence[str]
) -> _Line:
    text = "".join(piece for piece, _ in parts)
    line = _Line(number=number, text=text.strip(), links=list(links))
    line.value = line.text
    line.column = _content_column(raw[number - 1] if 0 < number <= len(raw) else "")
    index = 0
    while index < len(parts) and not parts[index][0].strip():
        index += 1
    if index == len(parts) or parts[index][1] == 0:
        return line
    mark = parts[index][1]
    span = ""
    while index < len(parts) and parts[index][1] == mark:
        span += parts[index][0]
        index += 1
    rest = "".join(piece for piece, _ in parts[index:])
    span = span.strip()
    label: str | None = None
    value = ""
    if span.endswith(":"):
        label, value = span[:-1], rest
    elif rest.lstrip().startswith(":"):
        label, value = span, rest.lstrip()[1:]
    elif rest.lstrip().startswith("("):  # "**Name** (`ceterms:name`): value"
        remark = rest.lstrip()
        close = remark.find(")", 0, _MAX_LABEL)
        if close > 0 and remark[close + 1 :].lstrip().startswith(":"):
            label, value = f"{span} {remark[: close + 1]}", remark[close + 1 :].lstrip()[1:]
    elif not rest.strip() and ":" in span:
        label, _, value = span.partition(":")
    if label is not None and 0 < len(label.strip()) <= _MAX_LABEL:
        line.label = label.strip()
        line.label_kind = "strong" if mark > 0 else "em"
        line.value = value.strip()
    return line


def _content_column(raw: str) -> int:
    """The 1-based column where a line's text starts, after indentation and a list marker."""
    index = 0
    size = len(raw)
    while index < size and raw[index] in " \t>":
        index += 1
    if index < size and raw[index] in "-*+" and (index + 1 == size or raw[index + 1] in " \t"):
        index += 1
    else:
        digits = index
        while digits < size and digits - index < 9 and raw[digits].isdigit():
            digits += 1
        if digits > index and digits < size and raw[digits] in ".)":
            index = digits + 1
    while index < size and raw[index] in " \t":
        index += 1
    return index + 1 if index < size else 1


def _blocks(tokens: Sequence[Token], offset: int, raw: Sequence[str]) -> list[_Block]:
    """The block tree of a token stream; lines are made 1-based file lines with ``offset``."""
    root = _Block("root", 1, 1)
    stack: list[_Block | None] = [root]
    containers = {
        "bullet_list_open": "list",
        "ordered_list_open": "list",
        "list_item_open": "item",
        "blockquote_open": "quote",
        "paragraph_open": "para",
        "heading_open": "heading",
        "table_open": "table",
    }
    for token in tokens:
        begin, finish = (token.map[0] + 1 + offset, token.map[1] + offset) if token.map else (0, 0)
        parent = next(block for block in reversed(stack) if block is not None)
        if token.nesting == 1:
            kind = containers.get(token.type)
            if kind is None or parent.kind == "table":
                stack.append(None)
                continue
            if kind == "heading" and parent.kind != "root":
                kind = "para"  # a heading inside a list or a quote is read as text
            block = _Block(kind, begin, max(finish, begin))
            if kind == "heading":
                block.level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            parent.children.append(block)
            stack.append(block)
        elif token.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        elif token.type == "inline":
            if parent.kind in ("para", "heading"):
                first = begin or parent.line
                last = max(finish, first)
                parent.lines.extend(_inline_lines(token, first, last, raw))
            elif parent.kind == "table":
                parent.text += " " + token.content
        elif token.type in ("fence", "code_block", "html_block", "hr"):
            kind = {"fence": "code", "code_block": "code", "html_block": "html"}.get(
                token.type, "hr"
            )
            parent.children.append(
                _Block(kind, begin, max(finish, begin), text=token.content.strip())
            )
    return root.children


# -- what the importer gathers --------------------------------------------------------


@dataclass(frozen=True)
class _Origin:
    """Where a value was read: its provenance, and the place findings about it point at."""

    source_field: str
    line: int | None
    column: int | None = None
    items: tuple[tuple[int | None, int | None], ...] = ()
    """For a front-matter list: the line and column of each item."""

    def provenance(self) -> Provenance:
        return Provenance(self.source_field, self.line, self.column)

    def item(self, index: int) -> Provenance:
        line, column = self.items[index] if index < len(self.items) else (self.line, self.column)
        return Provenance(f"{self.source_field}, item {index + 1}", line, column)


@dataclass
class _Candidate:
    pointer: str
    value: Any
    where: Provenance
    rank: int
    fallback: str | None = None
    """Where the value goes in ``extensions`` when a higher rank wins the field."""
    item: bool = False
    """One item of a list field: items of the winning rank are put together."""
    children: dict[str, Provenance] = field(default_factory=dict)
    """Provenance of the parts of a mapping or list taken whole from the front matter."""


_Reader = Callable[["_Import", _Target, Any, _Origin, int, str], None]


class _Import:
    """One import: the page's text in; candidates and findings gathered; a descriptor out."""

    def __init__(self, source: Document, text: str) -> None:
        self.source = source
        self.raw = text.split("\n")
        self.candidates: list[_Candidate] = []
        self.findings: list[Finding] = []
        self.parts: list[tuple[float, _Origin]] = []
        self.part_problem = False
        self.sections: list[_Section] = []
        self.known_labels = 0
        self.prose_objectives: list[tuple[_Origin, str]] = []
        self.front_title = False

    # -- findings ------------------------------------------------------------------

    def _line(self, line: int | None) -> int | None:
        return line if line is not None and 1 <= line <= len(self.raw) else None

    def finding(
        self,
        rule: str,
        message: str,
        origin: _Origin | None,
        *,
        severity: Severity = "warning",
        pointer: str | None = None,
        related: tuple[RelatedLocation, ...] = (),
    ) -> None:
        line = self._line(origin.line if origin is not None else None)
        self.findings.append(
            Finding(
                rule=rule,
                message=message,
                severity=severity,
                file=self.source.path,
                line=line,
                column=origin.column if origin is not None and line is not None else None,
                pointer=pointer,
                related=related,
            )
        )

    def ambiguous(self, message: str, origin: _Origin, pointer: str | None = None) -> None:
        self.finding(AMBIGUOUS, message, origin, pointer=pointer)

    # -- candidates ----------------------------------------------------------------

    def put(
        self,
        pointer: str,
        value: Any,
        origin: _Origin,
        rank: int,
        *,
        fallback: str | None = None,
        children: dict[str, Provenance] | None = None,
    ) -> None:
        if value is None or value in ("", [], {}):
            return
        self.candidates.append(
            _Candidate(pointer, value, origin.provenance(), rank, fallback, False, children or {})
        )

    def add_item(
        self, pointer: str, value: Any, where: Provenance, rank: int, fallback: str | None = None
    ) -> None:
        if value is None or value in ("", [], {}):
            return
        self.candidates.append(_Candidate(pointer, value, where, rank, fallback, item=True))

    def keep(self, name: str, value: Any, origin: _Origin, rank: int) -> None:
        """Keep a value the descriptor has no field for as ``extensions.<name>``."""
        self.put(f"/extensions/{escape_token(name)}", value, origin, rank)

    def read(self, target: _Target, value: Any, origin: _Origin, rank: int, what: str) -> None:
        """Set what ``value`` says for ``target``; ``what`` names its place in findings."""
        reader = _READERS.get(target.kind)
        if reader is not None:
            reader(self, target, value, origin, rank, what)

    # -- readers (one per kind of target) -----------------------------------------

    def read_title(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is not None:
            self.put("/title", " ".join(text.split()), origin, rank)

    def read_id(self, target: _Target, value: Any, origin: _Origin, rank: int, what: str) -> None:
        text = _text_value(value)
        if text is not None:
            self.put("/id", text, origin, rank)

    def read_summary(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is not None:
            self.put("/description", text, origin, rank - _SECONDARY, fallback="summary")

    def read_assessment_type(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is not None:
            self.add_item("/assessments", {"type": text}, origin.provenance(), rank - 10)

    def read_workload(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        if isinstance(value, Mapping | list):
            return
        parsed, problem = _workload(value, target.hint)
        for name, figure in parsed.items():
            self.put(f"/workload/{name}", figure, origin, rank)
        if problem is not None:
            self.ambiguous(f"{what}: {problem}", origin, "/workload")
            if not parsed:
                self.keep("workload", _text_value(value) or str(value), origin, rank)

    def read_part(self, target: _Target, value: Any, origin: _Origin, rank: int, what: str) -> None:
        parsed, problem = _workload(value, "hours")
        hours = parsed.get("hours")
        if hours is None or problem is not None or set(parsed) != {"hours"}:
            self.part_problem = True
            self.ambiguous(
                f"{what}: {problem or 'it gives no number of hours'}; the parts of the workload "
                "are not added up",
                origin,
                "/workload/hours",
            )
            return
        self.parts.append((hours, origin))

    def read_level(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is None:
            return
        level, audience, problem = _level(text, target.hint)
        if level is not None:
            self.put("/level", level, origin, rank)
        if audience is not None:
            self.put("/audience/level", audience, origin, rank)
        if problem is not None:
            self.ambiguous(f"{what}: {problem}", origin, "/level")
            if level is None:
                self.keep("level", text, origin, rank)

    def read_audience_level(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is not None:
            self.put("/audience/level", text, origin, rank)

    def read_language(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is None:
            return
        code, problem = _language(text)
        if code is not None:
            self.put("/language", code, origin, rank)
        else:
            self.ambiguous(f"{what}: {problem}", origin, "/language")
            self.keep("language", text, origin, rank)

    def read_issuer(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value.get("name") if isinstance(value, Mapping) else value)
        if text is not None:
            self.put("/issuer/name", " ".join(text.split()), origin, rank)

    def read_author(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        names = value if isinstance(value, list) else [value]
        texts = [text for text in (_text_value(name) for name in names) if text is not None]
        if len(texts) != 1:
            return  # several authors: kept with the front matter's other keys
        self.put("/issuer/name", texts[0], origin, rank - _SECONDARY)
        self.ambiguous(
            f"{what} is read as the issuer, for want of a provider or issuer; an author may be "
            "a person rather than the awarding body: name the issuer or provider",
            origin,
            "/issuer/name",
        )

    def read_country(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is None:
            return
        code = _country(text)
        if code is not None:
            self.put("/issuer/country", code, origin, rank)
            return
        self.ambiguous(
            f"{what}: {_quote(text)} is not one country mcqa recognises; give the two-letter "
            "ISO 3166-1 code, e.g. NL",
            origin,
            "/issuer/country",
        )
        self.keep("country", text, origin, rank)

    def read_cost(self, target: _Target, value: Any, origin: _Origin, rank: int, what: str) -> None:
        if isinstance(value, Mapping | list):
            return
        amount, currency, problem = _price(value)
        if amount is not None:
            self.put("/cost/amount", amount, origin, rank)
        if currency is not None:
            self.put("/cost/currency", currency, origin, rank)
        if problem is not None:
            self.ambiguous(f"{what}: {problem}", origin, "/cost")
            if amount is None:
                self.keep("cost", _text_value(value) or str(value), origin, rank)

    def read_currency(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is None:
            return
        code = _currency(text)
        if code is not None:
            self.put("/cost/currency", code, origin, rank)
        else:
            self.ambiguous(f"{what}: {_quote(text)} is not an ISO 4217 currency code", origin)

    def read_url(self, target: _Target, value: Any, origin: _Origin, rank: int, what: str) -> None:
        text = _text_value(value)
        if text is not None and _is_web_address(text):
            self.put("/url", text, origin, rank)

    def read_mode(self, target: _Target, value: Any, origin: _Origin, rank: int, what: str) -> None:
        text = _text_value(value)
        if text is None:
            return
        mode = _mode(text)
        if mode is not None:
            self.put("/delivery/mode", mode, origin, rank)
            return
        self.ambiguous(
            f"{what}: {_quote(text)} is not plainly one of online, on-site or blended; "
            "set delivery.mode",
            origin,
            "/delivery/mode",
        )
        self.keep("delivery_mode", text, origin, rank)

    def read_identity(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is None:
            return
        found = _IDENTITY.get(_fold(_strip_parentheses(text).rstrip(".")))
        if found is not None:
            self.put("/identity_verification", found, origin, rank)
            return
        self.ambiguous(
            f"{what} does not say plainly which of none, supervised or supervised-id-check "
            "applies; set identity_verification",
            origin,
            "/identity_verification",
        )
        self.keep("identity_verification", text, origin, rank)

    def read_contact(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is None:
            return
        words = _words(text)
        email = next((word for word in words if _is_email(word)), None)
        web = next((word for word in words if _is_web_address(word)), None)
        self.put("/contact/email", email, origin, rank)
        self.put("/contact/url", web, origin, rank)
        if email is None and web is None:
            self.keep("contact", text, origin, rank)

    def read_draft(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        if value is True:
            self.put("/status", "draft", origin, rank)

    def read_extension(
        self, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        self.keep(target.hint or "front_matter", value, origin, rank)

    # -- front matter ----------------------------------------------------------------

    def front_matter(self) -> int:
        """Read the front matter, if any; the number of lines it takes (0 without one)."""
        fence = self.raw[0].rstrip()
        if fence not in ("---", "+++"):
            return 0
        closing = ("---", "...") if fence == "---" else ("+++",)
        end = next(
            (index for index in range(1, len(self.raw)) if self.raw[index].rstrip() in closing),
            None,
        )
        if end is None:
            if fence == "---" and len(self.raw) > 1:
                self.ambiguous(
                    "the page starts with --- but no --- line closes a front matter; the page "
                    "is read as Markdown without one",
                    _Origin("front matter", 1, 1),
                )
            return 0
        if fence == "+++":
            self.finding(
                UNMAPPED,
                "a TOML front matter (between +++ lines) is not read; write it as YAML "
                "between --- lines",
                _Origin("front matter", 1, 1),
                severity="info",
            )
            return end + 1
        lines = self.raw[1:end]
        if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            return end + 1
        loaded = load_text("\n".join(lines) + "\n", path=self.source.path, format="yaml")
        last = end  # the front matter's last line (its closing --- is line end + 1)

        def line_of(yaml_line: int) -> int:
            # PyYAML also breaks lines at U+2028, U+2029 and U+0085, which Markdown does not
            return max(2, min(yaml_line + 1, last))

        self.findings.extend(_shifted(problem, line_of) for problem in loaded.findings)
        data = loaded.data
        if data is None:
            return end + 1
        if not isinstance(data, dict):
            self.ambiguous(
                "the front matter is not a mapping of keys to values; it is not read",
                _Origin("front matter", 2, 1),
            )
            return end + 1

        places = loaded.source_map

        def at(pointer: str, name: str) -> _Origin:
            place = places.locate(pointer)
            return _Origin(
                f"front matter: {name}",
                line_of(place.line) if place is not None else 1,
                place.column if place is not None else None,
            )

        def origin(name: str, value: Any) -> _Origin:
            pointer = f"/{escape_token(name)}"
            found = at(pointer, name)
            if isinstance(value, list):
                items = tuple(
                    (spot.line, spot.column)
                    for spot in (at(f"{pointer}/{index}", name) for index in range(len(value)))
                )
                found = _Origin(found.source_field, found.line, found.column, items)
            return found

        inside: dict[str, list[tuple[str, Position]]] = {}
        for inner, spot in places.values.items():
            head, slash, rest = inner[1:].partition("/")
            if slash:
                inside.setdefault(head, []).append((f"/{rest}", spot))

        def children(name: str, pointer: str) -> dict[str, Provenance]:
            return {
                pointer + rest: Provenance(
                    f"front matter: {name}{rest}", line_of(spot.line), spot.column
                )
                for rest, spot in inside.get(escape_token(name), ())
            }

        keys = {_front_key(str(key)) for key in data}
        for key, value in data.items():
            name = str(key)
            self._front_value(name, value, origin(name, value), keys, data, children)
        return end + 1

    def _front_value(
        self,
        name: str,
        value: Any,
        where: _Origin,
        keys: set[str],
        data: Mapping[str, Any],
        children: Callable[[str, str], dict[str, Provenance]],
    ) -> None:
        key = _front_key(name)
        what = f"the front matter's {name}"
        before = (len(self.candidates), len(self.findings))
        if key in _DESCRIPTOR_FIELDS:
            if isinstance(value, str):
                value = value.strip()
            if key != "language" and _fits(key, value):
                self.put(f"/{key}", value, where, _FRONT, children=children(name, f"/{key}"))
                if key == "title":
                    self.front_title = True
                return
            reading = _FIELD_READINGS.get(key)
            if reading is not None:
                self.read(_Target(reading), value, where, _FRONT, what)
        elif key in ("teaching", "exercises") and {"teaching", "exercises"} <= keys:
            if key == "teaching":
                self._carpentries(data, where)
            return
        else:
            target = _FRONT_KEYS.get(_fold(key.replace("_", " ")))
            if target is not None and target.kind == "author" and keys & _ISSUER_KEYS:
                target = None
            if target is not None:
                self.read(target, value, where, _FRONT, what)
                if target.kind == "title" and len(self.candidates) > before[0]:
                    self.front_title = True
        if (len(self.candidates), len(self.findings)) == before:
            self.put(
                f"/extensions/front_matter/{escape_token(name)}",
                value,
                where,
                _FRONT,
                children=children(name, f"/extensions/front_matter/{escape_token(name)}"),
            )

    def _carpentries(self, data: Mapping[str, Any], where: _Origin) -> None:
        values = {_front_key(str(key)): value for key, value in data.items()}
        minutes = [number(values.get("teaching")), number(values.get("exercises"))]
        if any(figure is None or figure < 0 for figure in minutes):
            self.ambiguous(
                "the front matter's teaching and exercises are not both numbers of minutes; "
                "the workload is not read from them",
                where,
                "/workload/hours",
            )
            return
        total = sum(figure for figure in minutes if figure is not None)
        origin = _Origin("front matter: teaching + exercises (minutes)", where.line, where.column)
        self.put("/workload/hours", _round(total / 60), origin, _FRONT)

    # -- body ----------------------------------------------------------------------

    def body(self, offset: int) -> None:
        text = "\n".join(self.raw[offset:])
        if not text.strip():
            return
        try:
            tokens = _parser().parse(text)
        except (
            Exception
        ):  # a page must never stop an import; markdown-it-py is not expected to fail
            self.finding(
                UNMAPPED,
                "the Markdown body could not be read; only the front matter was imported",
                _Origin("body", offset + 1, 1),
                severity="info",
            )
            return
        blocks = _blocks(tokens, offset, self.raw)
        self.sections = self._sections(blocks)
        self._title_heading(blocks)
        for section in self.sections:
            self._labels(section.blocks, section, 0)
        for section in self.sections:
            if section.target is not None:
                self._section(section)
        for section in self.sections:
            self._unmapped(section)
        self._sum_parts()

    def _sections(self, blocks: Sequence[_Block]) -> list[_Section]:
        sections = [_Section(None, "", None)]
        mapped: list[tuple[int, _Section]] = []
        for block in blocks:
            if block.kind != "heading":
                sections[-1].blocks.append(block)
                continue
            title = _clean(" ".join(line.text for line in block.lines))
            while mapped and mapped[-1][0] >= block.level:
                mapped.pop()
            target = _heading_target(title)
            section = _Section(block, title, target)
            if target is not None:
                mapped.append((block.level, section))
            elif mapped:
                section.owner = mapped[-1][1]
                section.owner.owned.append(section)
            sections.append(section)
        return sections

    def _title_heading(self, blocks: Sequence[_Block]) -> None:
        heading = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        if heading is None:
            return
        text = _clean(" ".join(line.text for line in heading.lines))
        title = _without_prefix(text)
        if title:
            origin = _Origin(f'heading "{_short(text)}"', heading.line, 1)
            self.put("/title", title, origin, _HEADING_TITLE)

    # labels ---------------------------------------------------------------------------

    def _labels(self, blocks: list[_Block], section: _Section, depth: int) -> None:
        for index, block in enumerate(blocks):
            if block.claimed:
                continue
            if block.kind == "para":
                self._para_labels(blocks, index, section, depth)
            elif block.kind == "list":
                for item in block.children:
                    if not item.claimed:
                        self._item_labels(item, section, depth + 1)
            elif block.kind == "quote":
                self._labels(block.children, section, depth)

    def _para_labels(
        self, siblings: list[_Block], index: int, section: _Section, depth: int
    ) -> None:
        lines = siblings[index].lines
        for position, line in enumerate(lines):
            if line.claimed or line.label is None:
                continue
            target = _label_target(line.label)
            if target is None:
                continue
            line.claimed = True
            stop = position + 1
            while stop < len(lines) and not (
                lines[stop].label is not None and lines[stop].label_kind == "strong"
            ):
                stop += 1
            follow = lines[position + 1 : stop]
            intro = not line.value or line.value.endswith(":")
            body: list[_Block] = []
            if intro and follow:
                for later in follow:
                    later.claimed = True
                body.append(_Block("para", follow[0].number, follow[-1].number, lines=follow))
            if intro and stop == len(lines):
                after = index + 1
                while after < len(siblings):
                    sibling = siblings[after]
                    if sibling.claimed or _starts_with_label(sibling):
                        break
                    sibling.claimed = True
                    body.append(sibling)
                    after += 1
            self._label(line, target, body, section, _BODY if depth <= 1 else _NESTED)

    def _item_labels(self, item: _Block, section: _Section, depth: int) -> None:
        first = item.children[0] if item.children else None
        if first is not None and first.kind == "para" and first.lines:
            line = first.lines[0]
            if line.label is None:
                _plain_label(line)
            target = _label_target(line.label) if line.label is not None else None
            if target is not None:
                item.claimed = True
                line.claimed = True
                body: list[_Block] = []
                rest = first.lines[1:]
                if rest and (not line.value or line.value.endswith(":")):
                    body.append(_Block("para", rest[0].number, rest[-1].number, lines=rest))
                body.extend(item.children[1:])
                self._label(line, target, body, section, _BODY if depth <= 1 else _NESTED)
                return
        self._labels(item.children, section, depth)

    def _label(
        self, line: _Line, target: _Target, body: list[_Block], section: _Section, rank: int
    ) -> None:
        scope = (section.owner or section).target
        if target.kind == "title" and _fold(line.label or "") == "name" and scope is not None:
            # "Name:" under "Contact" or "Issuer" names a person or a body, not the credential
            target = {"contact": _Target("contact_name"), "issuer": _Target("issuer")}.get(
                scope.kind, target
            )
        (section.owner or section).label_kinds.add(target.kind)
        self.known_labels += 1
        marks = {"strong": "**", "em": "*"}.get(line.label_kind, "")
        name = f'"{marks}{line.label}:{marks}" line'
        origin = _Origin(name, line.number, line.column)
        label = line.label or ""
        value = _unquote(line.value)
        self._extract(target, value, body, origin, rank, name, f"the {_quote(label)} line")

    # sections -------------------------------------------------------------------------

    def _section(self, section: _Section) -> None:
        if section.target is None or section.heading is None:
            return
        if section.target.kind in section.label_kinds:
            return  # its own labels said it more precisely
        blocks = list(section.blocks)
        for other in section.owned:
            blocks.extend(other.blocks)
        content = _unclaimed(blocks)
        if not content:
            return
        name = f'section "{_short(section.title)}"'
        origin = _Origin(name, section.heading.line, 1)
        what = f"the section {_quote(section.title)}"
        self._extract(section.target, None, content, origin, _BODY, name, what)

    def _unmapped(self, section: _Section) -> None:
        if section.target is not None or section.owner is not None:
            return
        content = [block for block in section.blocks if block.has_content()]
        if not content:
            return
        if section.heading is None:
            self.finding(
                UNMAPPED,
                "the text before the first heading is not imported: it is under no heading or "
                "label that mcqa has a descriptor field for",
                _Origin("body", content[0].line, 1),
                severity="info",
            )
            return
        partly = bool(section.label_kinds) or any(block.claimed for block in section.blocks)
        subject = f"the section {_quote(section.title)}"
        message = (
            f"parts of {subject} are not imported: mcqa has no descriptor field for them"
            if partly
            else f"{subject} is not imported: mcqa has no descriptor field for it"
        )
        self.finding(
            UNMAPPED,
            message,
            _Origin(f'section "{_short(section.title)}"', section.heading.line, 1),
            severity="info",
        )

    # extraction -----------------------------------------------------------------------

    def _extract(
        self,
        target: _Target,
        value: str | None,
        body: list[_Block],
        origin: _Origin,
        rank: int,
        name: str,
        what: str,
    ) -> None:
        """Read ``target`` from a label's ``value`` (None for a section) and its ``body``."""
        kind = target.kind
        value = value.strip() if value else None
        own = value if value and not value.endswith(":") else None
        if kind in ("outcomes", "objectives", "prerequisites", "assessments"):
            items = _items(body)
            if items:
                self._items(kind, items, name, rank)
                return
            text = own or _text(body)
            if not text:
                return
            origin = origin if own else _at(origin, _first_line(body))
            if kind == "prerequisites":
                self.put("/prerequisites", text, origin, rank)
            elif kind == "assessments":
                self.add_item("/assessments", {"description": text}, origin.provenance(), rank)
            else:
                secondary = kind == "objectives"
                self.add_item(
                    "/extensions/learning_objectives"
                    if secondary
                    else "/extensions/learning_outcomes",
                    text,
                    origin.provenance(),
                    rank,
                )
                if secondary:
                    self.prose_objectives.append((origin, what))
                else:
                    self.ambiguous(
                        f"{what} gives the learning outcomes as running text, not as a list: "
                        "mcqa does not split it (kept in extensions.learning_outcomes); write "
                        "one outcome per list item",
                        origin,
                        "/learning_outcomes",
                    )
            return
        if kind in _TEXT_POINTERS:
            text = own or _text(body)
            origin = origin if own else _at(origin, _first_line(body))
            if value and not own and text:
                text = f"{value}\n\n{text}"
            if text:
                self.put(
                    _TEXT_POINTERS[kind],
                    text,
                    origin,
                    rank - _SECONDARY if kind == "summary" else rank,
                    fallback="summary" if kind == "summary" else None,
                )
            return
        if kind in ("contact", "url"):
            links = [link for block in body for line in _lines(block) for link in line.links]
            emails = [link[7:] for link in links if link.lower().startswith("mailto:")]
            webs = [link for link in links if _is_web_address(link)]
            if kind == "url":
                address = own if own and _is_web_address(own) else next(iter(webs), None)
                self.put("/url", address, origin, rank)
                return
            if emails or webs:
                self.put("/contact/email", next(iter(emails), None), origin, rank)
                self.put("/contact/url", next(iter(webs), None), origin, rank)
                return
            single: str | None = own or _text(body)
            origin = origin if own else _at(origin, _first_line(body))
        elif own:
            single = own
        else:
            first = _first_value(body)
            single, origin = (first[0], _at(origin, first[1])) if first else (None, origin)
        if not single:
            return
        self.read(target, single, origin, rank, what)

    def _items(self, kind: str, items: list[tuple[str, _Block, int]], name: str, rank: int) -> None:
        outcomes = kind in ("outcomes", "objectives")
        pointer = "/learning_outcomes" if outcomes else f"/{kind}"
        level = rank - _SECONDARY if kind == "objectives" else rank
        fallback = "learning_objectives" if kind == "objectives" else None
        for index, (text, item, column) in enumerate(items):
            where = Provenance(f"{name}, item {index + 1}", item.line, column)
            if kind == "assessments":
                entry: dict[str, Any] = {"description": text}
                kind_of = _sub_label(item, _ASSESSMENT_TYPE_LABELS)
                if kind_of:
                    entry["type"] = kind_of
                self.add_item(pointer, entry, where, level)
            else:
                self.add_item(pointer, text, where, level, fallback)

    def _sum_parts(self) -> None:
        if self.part_problem or not self.parts:
            return
        first = self.parts[0][1]
        if len(self.parts) == 1:
            self.ambiguous(
                "only one part of the workload is given (theoretical or practical hours, say); "
                "mcqa does not take it for the whole",
                first,
                "/workload/hours",
            )
            self.keep("workload_part", self.parts[0][0], first, _BODY)
            return
        total = _round(sum(hours for hours, _ in self.parts))
        names = " + ".join(origin.source_field for _, origin in self.parts)
        self.put("/workload/hours", total, _Origin(names, first.line, first.column), _NESTED)

    # -- the descriptor ------------------------------------------------------------

    def descriptor(self) -> tuple[dict[str, Any], dict[str, Provenance]]:
        data: dict[str, Any] = {}
        provenance: dict[str, Provenance] = {}
        groups: dict[str, list[_Candidate]] = {}
        for candidate in self.candidates:
            groups.setdefault(candidate.pointer, []).append(candidate)
        if "/learning_outcomes" not in groups:
            for origin, what in self.prose_objectives:
                self.ambiguous(
                    f"{what} gives the objectives as running text, not as a list, and the page "
                    "has no learning outcomes: mcqa does not split it (kept in "
                    "extensions.learning_objectives); write one outcome per list item",
                    origin,
                    "/learning_outcomes",
                )
        for pointer in sorted(groups, key=_pointer_order):
            group = groups[pointer]
            top = max(candidate.rank for candidate in group)
            winners = sorted(
                (c for c in group if c.rank == top),
                key=lambda c: (c.where.line or 0, c.where.column or 0),
            )
            items = [c for c in winners if c.item]
            if items:
                values = [c.value for c in items]
                whole = [c for c in winners if not c.item]
                if whole and isinstance(whole[0].value, str):  # prerequisites as text, then items
                    values = [whole[0].value, *values]
                if _put(data, pointer, values):
                    provenance[pointer] = winners[0].where
                    for index, candidate in enumerate(items, start=len(values) - len(items)):
                        provenance[f"{pointer}/{index}"] = candidate.where
            else:
                chosen = winners[0]
                if _put(data, pointer, chosen.value):
                    provenance[pointer] = chosen.where
                    provenance.update(chosen.children)
                self._conflicts(pointer, chosen, winners[1:])
            self._fallbacks([c for c in group if c.rank != top], data, provenance)
        return data, provenance

    def _conflicts(self, pointer: str, chosen: _Candidate, others: list[_Candidate]) -> None:
        if pointer.startswith("/extensions/"):
            return  # text kept aside; what was unclear about it has its own finding
        shown = {_sameness(chosen.value)}
        for other in others:
            if _sameness(other.value) in shown:
                continue
            shown.add(_sameness(other.value))
            if len(shown) > _MAX_CONFLICTS + 1:
                break  # enough said about this field
            kept = chosen.where
            self.ambiguous(
                f"the page gives {pointer[1:].replace('/', '.')} twice, differently: "
                f"{_quote(str(chosen.value))} ({kept.source_field}) and "
                f"{_quote(str(other.value))} ({other.where.source_field}); mcqa keeps the "
                "first: remove or correct the other",
                _Origin(other.where.source_field, other.where.line, other.where.column),
            )
            self.findings[-1] = self.findings[-1].model_copy(
                update={
                    "pointer": pointer,
                    "related": (
                        RelatedLocation(
                            message="the value kept",
                            file=self.source.path,
                            line=self._line(kept.line),
                            column=kept.column if self._line(kept.line) else None,
                            pointer=pointer,
                        ),
                    ),
                }
            )

    def _fallbacks(
        self, losers: list[_Candidate], data: dict[str, Any], provenance: dict[str, Provenance]
    ) -> None:
        kept: dict[str, list[_Candidate]] = {}
        for candidate in losers:
            if candidate.fallback is not None:
                kept.setdefault(candidate.fallback, []).append(candidate)
        for name, group in kept.items():
            pointer = f"/extensions/{escape_token(name)}"
            if _get(data, pointer) is not None:
                continue
            top = max(candidate.rank for candidate in group)
            group = [candidate for candidate in group if candidate.rank == top]
            items = [candidate for candidate in group if candidate.item]
            value: Any = [candidate.value for candidate in items] if items else group[0].value
            if _put(data, pointer, value):
                provenance[pointer] = group[0].where
                for index, candidate in enumerate(items):
                    provenance[f"{pointer}/{index}"] = candidate.where

    def identify(
        self, data: dict[str, Any], provenance: dict[str, Provenance], *, quiet: bool = False
    ) -> None:
        """Give the descriptor the ``id`` and ``title`` it must have."""
        path = self.source.path
        if not isinstance(data.get("id"), str) or not data["id"].strip():
            stem = _file_id(path)
            title = data.get("title")
            if stem is None and isinstance(title, str):
                stem = "-".join(_fold(title).split()[:12]) or None
            data["id"] = stem or "untitled"
            provenance["/id"] = Provenance("file name" if path else "title")
            data = _reorder(data)
        if not isinstance(data.get("title"), str) or not data["title"].strip():
            data["title"] = data["id"]
            provenance["/title"] = Provenance("file name" if path else "id")
            if quiet:
                return
            self.finding(
                MISSING,
                "the page gives no title (none in the front matter, no title label or section, "
                f"no level-1 heading); {_quote(data['id'])} stands in for it: add a title",
                _Origin("title", 1, 1),
                pointer="/title",
            )

    def typed(self, data: dict[str, Any], provenance: dict[str, Provenance]) -> dict[str, Any]:
        """``data`` with any field the descriptor model refuses moved into ``extensions``."""
        for _ in range(len(_DESCRIPTOR_FIELDS) + 1):
            try:
                Descriptor.model_validate(data)
            except ValidationError as exc:
                names = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
                if not names:
                    break
                for name in sorted(names):
                    value = data.pop(name, None)
                    for pointer in [
                        p for p in provenance if p == f"/{name}" or p.startswith(f"/{name}/")
                    ]:
                        del provenance[pointer]
                    if name in ("id", "title"):
                        data[name] = _file_id(self.source.path) or "untitled"
                    elif name != "extensions":
                        extensions = data.setdefault("extensions", {})
                        if isinstance(extensions, dict):
                            extensions.setdefault("unreadable", {})[name] = value
                    self.finding(
                        UNMAPPED,
                        f"the value read for {name} does not fit the descriptor; it is kept in "
                        "extensions.unreadable",
                        None,
                        severity="info",
                        pointer=f"/{name}",
                    )
            else:
                break
        return data


_READERS: dict[str, _Reader] = {}


def _text_reader(pointer: str) -> _Reader:
    def reader(
        imp: _Import, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        text = _text_value(value)
        if text is None and isinstance(value, list):
            lines = [f"- {item}" for item in (_text_value(entry) for entry in value) if item]
            text = "\n".join(lines) or None
        if text is not None:
            imp.put(pointer, text, origin, rank)

    return reader


def _list_reader(pointer: str, fallback: str | None = None) -> _Reader:
    def reader(
        imp: _Import, target: _Target, value: Any, origin: _Origin, rank: int, what: str
    ) -> None:
        level = rank - _SECONDARY if fallback else rank
        if isinstance(value, list):
            for index, entry in enumerate(value):
                text = _text_value(entry)
                if text is None and isinstance(entry, Mapping):
                    text = _text_value(entry.get("statement") or entry.get("description"))
                if text is None:
                    continue
                item: Any = {"description": text} if pointer == "/assessments" else text
                imp.add_item(pointer, item, origin.item(index), level, fallback)
            return
        text = _text_value(value)
        if text is None:
            return
        if pointer == "/prerequisites":
            imp.put(pointer, text, origin, level)
        elif pointer == "/assessments":
            imp.add_item(pointer, {"description": text}, origin.provenance(), level)
        else:
            name = fallback or "learning_outcomes"
            imp.keep(name, text, origin, level)
            if fallback is None:
                imp.ambiguous(
                    f"{what} is one text, not a list: mcqa does not split it into learning "
                    f"outcomes (kept in extensions.{name}); write one outcome per list item",
                    origin,
                    pointer,
                )

    return reader


_TEXT_POINTERS = {
    "description": "/description",
    "summary": "/description",
    "audience": "/audience/description",
    "accessibility": "/accessibility/statement",
    "equity": "/equity/statement",
    "schedule": "/delivery/schedule",
    "quality": "/extensions/quality_assurance",
    "stackability": "/extensions/stackability",
    "type": "/type",
    "contact_name": "/contact/name",
}

_READERS.update(
    {
        "title": _Import.read_title,
        "id": _Import.read_id,
        "summary": _Import.read_summary,
        "outcomes": _list_reader("/learning_outcomes"),
        "objectives": _list_reader("/learning_outcomes", "learning_objectives"),
        "prerequisites": _list_reader("/prerequisites"),
        "assessments": _list_reader("/assessments"),
        "assessment_type": _Import.read_assessment_type,
        "workload": _Import.read_workload,
        "workload_part": _Import.read_part,
        "level": _Import.read_level,
        "audience_level": _Import.read_audience_level,
        "language": _Import.read_language,
        "issuer": _Import.read_issuer,
        "author": _Import.read_author,
        "country": _Import.read_country,
        "cost": _Import.read_cost,
        "currency": _Import.read_currency,
        "url": _Import.read_url,
        "mode": _Import.read_mode,
        "identity": _Import.read_identity,
        "contact": _Import.read_contact,
        "draft": _Import.read_draft,
        "extension": _Import.read_extension,
        **{
            kind: _text_reader(pointer)
            for kind, pointer in _TEXT_POINTERS.items()
            if kind != "summary"
        },
    }
)

_ISSUER_KEYS = frozenset(
    {"issuer", "provider", "institution", "organization", "organisation", "university",
     "awarding_body"}
)  # fmt: skip
_ASSESSMENT_TYPE_LABELS = frozenset({"assessment type", "type", "type of assessment", "method"})

# -- helpers ----------------------------------------------------------------------------


def _front_key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def _fits(key: str, value: Any) -> bool:
    """Whether ``value`` is a valid value of the descriptor field ``key`` as it stands."""
    if value is None:
        return False
    probe: dict[str, Any] = {"id": "x", "title": "x", key: value}
    try:
        Descriptor.model_validate(probe)
    except ValidationError:
        return False
    return True


def _shifted(problem: Finding, line_of: Callable[[int], int]) -> Finding:
    """A finding of the front matter's YAML, moved to the page's own lines."""
    related = tuple(
        place.model_copy(
            update={"line": line_of(place.line) if place.line else None, "pointer": None}
        )
        for place in problem.related
    )
    return problem.model_copy(
        update={
            "line": line_of(problem.line) if problem.line else None,
            "pointer": None,
            "related": related,
        }
    )


def _text_value(value: Any) -> str | None:
    """``value`` as text when it is a string or a number; else ``None``."""
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def _unquote(text: str) -> str:
    """``"Business Leadership"`` without its quotes (a label's value quoted whole)."""
    text = text.strip()
    for left, right in (('"', '"'), ("\u201c", "\u201d")):
        if len(text) > 1 and text[0] == left and text[-1] == right and left not in text[1:-1]:
            return text[1:-1].strip()
    return text


def _heading_target(title: str) -> _Target | None:
    if len(title) > _MAX_LABEL:
        return None
    target = _NAMES.get(_fold(_strip_parentheses(title)))
    if target is None and ":" in title:
        target = _NAMES.get(_fold(_strip_parentheses(title.partition(":")[0])))
    if target is None:  # "Workshop overview", "Course prerequisites"
        first, _, rest = _fold(_strip_parentheses(title)).partition(" ")
        if first in _GENERIC_WORDS and rest:
            target = _NAMES.get(rest)
            if target is not None and target.kind not in _GENERIC_KINDS:
                target = None
    if target is None:
        return None
    return _with_hint(target, title)


def _label_target(label: str) -> _Target | None:
    if len(label) > _MAX_LABEL:
        return None
    target = _NAMES.get(_fold(_strip_parentheses(label)))
    if target is None:
        return None
    return _with_hint(target, label)


def _with_hint(target: _Target, name: str) -> _Target:
    """``target`` with the unit or framework that ``name`` itself gives (``Workload (ECTS)``)."""
    if target.hint is not None and target.hint != "credits":
        return target
    words = _fold(name).split()
    if target.kind == "workload" and target.hint in (None, "credits"):
        if "credit" in words and "hours" in words:
            return _Target(target.kind, "credit_hours")
        for unit in ("ects", "hours", "ceus"):
            if unit in words:
                return _Target(target.kind, unit)
    if target.kind == "level":
        framework = _framework_in(name)
        if framework is not None:
            return _Target(target.kind, framework)
    return target


def _plain_label(line: _Line) -> None:
    """Read ``Label: value`` (a known label, without bold) at the start of a list item."""
    colon = line.text.find(":", 0, 80)
    if colon <= 0 or line.text[colon + 1 : colon + 2] not in ("", " ", "\t"):
        return
    label = line.text[:colon].strip()
    if label.count("(") != label.count(")"):
        return
    if _label_target(label) is not None:
        line.label = label
        line.label_kind = "plain"
        line.value = line.text[colon + 1 :].strip()


def _starts_with_label(block: _Block) -> bool:
    if block.kind == "heading":
        return True
    return block.kind == "para" and bool(block.lines) and block.lines[0].label_kind == "strong"


def _at(origin: _Origin, line: _Line | None) -> _Origin:
    """``origin`` placed at ``line``, where its value starts (a section's first line, say)."""
    if line is None or origin.line is None or line.number <= origin.line:
        return origin
    if not origin.source_field.startswith("section "):
        return origin  # a label's value is placed at its label
    return _Origin(origin.source_field, line.number, line.column)


def _unclaimed(blocks: Iterable[_Block]) -> list[_Block]:
    """``blocks`` without what labels have already taken."""
    found: list[_Block] = []
    for block in blocks:
        if block.claimed:
            continue
        if block.kind == "para":
            lines = [line for line in block.lines if not line.claimed]
            if lines:
                found.append(_Block("para", lines[0].number, lines[-1].number, lines=lines))
        elif block.kind in ("list", "quote"):
            children = [child for child in block.children if not child.claimed]
            if children:
                found.append(_Block(block.kind, block.line, block.end, children=children))
        else:
            found.append(block)
    return found


def _lines(block: _Block) -> Iterable[_Line]:
    yield from block.lines
    for child in block.children:
        yield from _lines(child)


def _item_text(item: _Block) -> tuple[str, int]:
    first = item.children[0] if item.children else None
    if first is None or first.kind != "para" or not first.lines:
        return "", 1
    text = _clean(" ".join(line.text for line in first.lines))
    return text, first.lines[0].column


def _items(body: Iterable[_Block]) -> list[tuple[str, _Block, int]]:
    """The text of each top-level list item in ``body``."""
    found: list[tuple[str, _Block, int]] = []
    for block in body:
        if block.kind == "list":
            for item in block.children:
                text, column = _item_text(item)
                if text and not item.claimed:
                    found.append((text, item, column))
        elif block.kind == "quote":
            found.extend(_items(block.children))
    return found


def _text(body: Iterable[_Block]) -> str:
    """The prose of ``body``: paragraphs, and list items as ``- item`` lines."""
    chunks: list[str] = []
    for block in body:
        if block.kind == "para":
            if block.lines and block.lines[0].label_kind == "strong" and not block.lines[0].claimed:
                continue  # "**Domain:** ..." is a field mcqa has no place for, not prose
            text = " ".join(line.text for line in block.lines if line.text)
            if text:
                chunks.append(text)
        elif block.kind == "list":
            lines = [f"- {text}" for text, _, _ in _items([block])]
            if lines:
                chunks.append("\n".join(lines))
        elif block.kind == "quote":
            inner = _text(block.children)
            if inner:
                chunks.append(inner)
        elif block.kind == "html" and block.text and "\n" not in block.text:
            chunks.append(block.text)
    return "\n\n".join(chunks).strip()


def _first_value(body: Iterable[_Block]) -> tuple[str, _Line] | None:
    """The first line of ``body`` (the value after its label, when it has one)."""
    for block in body:
        if block.kind == "para":
            for line in block.lines:
                if line.label is not None and line.value:
                    return line.value, line
                if line.text and line.label is None:
                    return line.text, line
        elif block.kind in ("list", "item", "quote"):
            found = _first_value(block.children)
            if found:
                return found
        elif block.kind == "html" and block.text:
            text = block.text.split("\n", 1)[0].strip()
            if text:
                return text, _Line(block.line, text, column=1)
    return None


def _first_line(body: Iterable[_Block]) -> _Line | None:
    """The first line of text in ``body``, where a value read from it starts."""
    for block in body:
        if block.kind in ("para", "heading"):
            for line in block.lines:
                if line.text:
                    return line
        elif block.kind in ("list", "item", "quote"):
            found = _first_line(block.children)
            if found is not None:
                return found
        elif block.kind == "html" and block.text:
            return _Line(block.line, block.text, column=1)
    return None


def _sub_label(item: _Block, names: frozenset[str]) -> str | None:
    """The value of a ``Type: ...`` line in ``item``'s nested lists, if it has one."""
    for block in item.children[1:]:
        if block.kind != "list":
            continue
        for child in block.children:
            first = child.children[0] if child.children else None
            if first is None or first.kind != "para" or not first.lines:
                continue
            line = first.lines[0]
            label = line.label
            if label is None:
                colon = line.text.find(":", 0, 40)
                label = line.text[:colon] if colon > 0 else None
                value = line.text[colon + 1 :].strip() if colon > 0 else ""
            else:
                value = line.value
            if label is not None and _fold(label) in names and value:
                return value
    return None


def _without_prefix(title: str) -> str:
    """A level-1 heading without a ``Micro-credential:`` or ``Course:`` prefix."""
    head, colon, rest = title.partition(":")
    if colon and rest.strip() and len(head.split()) <= 6:
        folded = _fold(head)
        if any(word in folded for word in _TITLE_PREFIX_WORDS):
            return rest.strip()
    return title.strip()


def _file_id(path: str | None) -> str | None:
    if not path:
        return None
    name = PurePath(path)
    stem = name.stem
    if stem.lower() in _FOLDER_NAMED and name.parent.name not in ("", ".", ".."):
        stem = name.parent.name
    return stem.strip() or None


def _reorder(data: dict[str, Any]) -> dict[str, Any]:
    ordered = dict(sorted(data.items(), key=lambda item: _FIELD_ORDER.get(item[0], 99)))
    data.clear()
    data.update(ordered)
    return data


_FIELD_ORDER = {name: index for index, name in enumerate(Descriptor.model_fields)}


def _pointer_order(pointer: str) -> tuple[int, str]:
    head = pointer[1:].split("/", 1)[0]
    return (_FIELD_ORDER.get(head, 99), pointer)


def _tokens_of(pointer: str) -> list[str]:
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


def _put(data: dict[str, Any], pointer: str, value: Any) -> bool:
    """Set ``value`` at ``pointer`` (made of mapping keys), unless something is there already."""
    tokens = _tokens_of(pointer)
    current: Any = data
    for token in tokens[:-1]:
        if not isinstance(current, dict):
            return False
        current = current.setdefault(token, {})
    if not isinstance(current, dict) or tokens[-1] in current:
        return False
    current[tokens[-1]] = value
    return True


def _get(data: Mapping[str, Any], pointer: str) -> Any:
    current: Any = data
    for token in _tokens_of(pointer):
        if not isinstance(current, Mapping):
            return None
        current = current.get(token)
    return current


def _sameness(value: Any) -> str:
    """What two values share when they say the same (``Online`` and ``online.``)."""
    return _fold(value) if isinstance(value, str) else repr(value)


def _round(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def _quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 3].rstrip() + "..."
    return f"'{flat}'"


# -- values -----------------------------------------------------------------------------

_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_]+|\S")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    depth: int
    """How many parentheses it stands in."""

    @property
    def word(self) -> str:
        return _fold(self.text) if self.text[:1].isalpha() else self.text

    @property
    def figure(self) -> float | None:
        if not self.text[:1].isdigit():
            return None
        return number(self.text.rstrip(".,"))


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    depth = 0
    for match in _TOKEN.finditer(text[:_MAX_VALUE_SCAN]):
        piece = match.group()
        if piece in "([":
            depth += 1
        elif piece in ")]":
            depth = max(depth - 1, 0)
        found.append(_Token(piece, match.start(), match.end(), depth))
    return found


@dataclass(frozen=True)
class _Quantity:
    value: float
    high: float | None
    unit: str | None
    rate: bool
    depth: int
    phrase: str


_RANGE_WORDS = frozenset({"-", "\u2013", "\u2014", "to", "tot", "bis", "a", "à"})
_RATE_AFTER = frozenset({"per", "a", "an", "each", "every", "/", "pro", "par", "por", "al", "weekly",
                         "daily", "monthly", "pw"})  # fmt: skip
_RATE_UNITS = frozenset({"week", "weeks", "wk", "day", "days", "month", "months", "woche", "tag",
                         "semaine", "semana", "dag", "maand", "jour", "dia", "mes", "monat"})  # fmt: skip


def _quantities(text: str) -> list[_Quantity]:
    """Each number in ``text`` with the unit that follows it (``25-30 hours``, ``5 ECTS``)."""
    tokens = _tokens(text)
    found: list[_Quantity] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        value = token.figure
        if value is None:
            index += 1
            continue
        end = index + 1
        high: float | None = None
        if (
            end + 1 < len(tokens)
            and tokens[end].word in _RANGE_WORDS
            and tokens[end + 1].figure is not None
        ):
            high = tokens[end + 1].figure
            end += 2
        unit: str | None = None
        if end < len(tokens) and tokens[end].text[:1].isalpha():
            word = tokens[end].word
            unit = _UNIT_OF.get(word)
            if unit is not None:
                end += 1
                nxt = tokens[end].word if end < len(tokens) else ""
                if nxt == "-" and end + 1 < len(tokens):
                    nxt = tokens[end + 1].word
                if unit == "credits" and nxt in ("hour", "hours"):
                    unit = "credit_hours"
                    end += 1
                elif unit == "ects" and nxt in ("credit", "credits", "points", "punkte"):
                    end += 1
        rate = False
        if unit is not None and end < len(tokens):
            after = tokens[end].word
            later = tokens[end + 1].word if end + 1 < len(tokens) else ""
            rate = after in ("weekly", "daily", "monthly", "pw") or (
                after in _RATE_AFTER and later in _RATE_UNITS
            )
        phrase = text[token.start : tokens[end - 1].end]
        found.append(_Quantity(value, high, unit, rate, token.depth, phrase))
        index = end
    return found


def _bare(figure: float, hint: str | None, text: str) -> tuple[dict[str, Any], str | None]:
    fields = {"ects": "ects", "hours": "hours", "credit_hours": "credit_hours", "ceus": "ceus",
              "weeks": "duration_weeks"}  # fmt: skip
    if hint in fields:
        return {fields[hint]: _round(figure)}, None
    if hint == "credits":
        return {}, (
            f"{_quote(text)} does not say which credit system it counts in (ECTS, US credit "
            "hours...); mcqa does not guess: write e.g. '3 ECTS' or '3 credit hours'"
        )
    return {}, f"{_quote(text)} gives no unit; write e.g. '20 hours', '6 weeks' or '5 ECTS'"


def _workload(value: Any, hint: str | None) -> tuple[dict[str, Any], str | None]:
    """The workload fields a value gives, and what was unclear in it."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return {}, "it is not a figure"
    text = str(value).strip()[:_MAX_VALUE_SCAN]
    figure = number(value) if not isinstance(value, str) else number(text)
    if figure is not None:
        if figure < 0:
            return {}, f"{_quote(text)} is negative"
        return _bare(figure, hint, text)
    upper = text.upper()
    if upper.startswith("P"):
        hours = iso_duration_hours(upper)
        if hours is not None:
            return {"hours": _round(hours)}, None
        weeks = iso_duration_weeks(upper)
        if weeks is not None:
            return {"duration_weeks": _round(weeks)}, None
    if _GALAXY_TIME.fullmatch(text):
        hours = iso_duration_hours("PT" + upper)
        if hours is not None:
            return {"hours": _round(hours)}, None
    if _fold(text) in _PACES:
        return {"pace": text}, None
    quantities = _quantities(text)
    outside = [q for q in quantities if q.depth == 0 and q.unit is not None]
    chosen = outside or [q for q in quantities if q.unit is not None]
    fields: dict[str, list[float]] = {}
    credit_problem: str | None = None
    other_problem: str | None = None
    for quantity in chosen:
        unit = quantity.unit
        if unit == "credits":
            unit = hint if hint in ("ects", "credit_hours", "ceus") else None
            if unit is None:
                credit_problem = credit_problem or (
                    f"{_quote(quantity.phrase)} does not say which credit system it counts in "
                    "(ECTS, US credit hours...); mcqa does not guess: write e.g. '3 ECTS' or "
                    "'3 credit hours'"
                )
                continue
        if quantity.high is not None:
            other_problem = other_problem or f"{_quote(quantity.phrase)} is a range, not one figure"
            continue
        if quantity.rate:
            other_problem = other_problem or (
                f"{_quote(quantity.phrase)} is a rate (per week or per day), not the whole workload"
            )
            continue
        if unit in ("days", "months", "years"):
            other_problem = other_problem or (
                f"{_quote(quantity.phrase)} is a span of calendar time, not hours of learning"
            )
            continue
        figure = quantity.value / 60 if unit == "minutes" else quantity.value
        name = {"minutes": "hours", "weeks": "duration_weeks"}.get(unit or "", unit or "")
        fields.setdefault(name, []).append(figure)
    found: dict[str, Any] = {}
    for name, figures in fields.items():
        distinct = sorted({_round(figure) for figure in figures})
        if len(distinct) == 1:
            found[name] = distinct[0]
        else:
            other_problem = other_problem or (
                f"{_quote(text)} gives several figures for {name.replace('_', ' ')}"
            )
    if credit_problem is not None:
        return found, credit_problem
    if found:
        return found, None
    if other_problem is not None:
        return found, other_problem
    return found, f"{_quote(text)} gives no figure with a unit (hours, weeks, ECTS)"


def _framework_token(token: _Token, tokens: Sequence[_Token], index: int) -> tuple[str, int] | None:
    """The framework a token names (and how many tokens it takes), if any."""
    upper = token.text.upper()
    if upper == "QF" and index + 2 < len(tokens) and tokens[index + 2].text.upper() == "EHEA":
        return "QF-EHEA", 3
    if upper in _FRAMEWORK_NAMES:
        return upper, 1
    return None


_FRAMEWORK_NAMES = frozenset(
    {"EQF", "NLQF", "NQF", "NZQCF", "AQF", "SCQF", "RQF", "FHEQ", "DQR", "MECES", "MECU", "NFQ"}
)
_LEVEL_WORDS = frozenset({"level", "levels", "niveau", "nivel", "stufe", "lvl", "cycle"})
_FILLERS = frozenset({":", "-", "=", "(", "of", "the", "van", "het", "de", "del", "du", "in",
                      "des", "la", "le", "nivel", "niveau", "level", "stufe", "lvl", "op"})  # fmt: skip
_OR_WORDS = frozenset({"/", "-", "\u2013", "or", "o", "to", "tot", "of", "ou", "oder", "bis"})


def _framework_in(text: str) -> str | None:
    tokens = _tokens(text)
    names = {
        found[0]
        for index, token in enumerate(tokens)
        if (found := _framework_token(token, tokens, index)) is not None
    }
    return names.pop() if len(names) == 1 else None


def _level_number(tokens: Sequence[_Token], index: int) -> tuple[int | None, bool]:
    """The level at ``tokens[index]`` (skipping ``level``), and whether a range follows it."""
    steps = 0
    while index < len(tokens) and steps < 4 and tokens[index].word in _FILLERS:
        index += 1
        steps += 1
    if index >= len(tokens):
        return None, False
    figure = tokens[index].figure
    if figure is None or figure != int(figure) or not 0 < figure < 100:
        return None, False
    ranged = (
        index + 2 < len(tokens)
        and tokens[index + 1].word in _OR_WORDS
        and tokens[index + 2].figure is not None
    )
    return int(figure), ranged


def _level(text: str, hint: str | None) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """A framework level, a descriptive level (``Advanced``), and what was unclear."""
    tokens = _tokens(text)
    pairs: list[tuple[str, int]] = []
    ranges: list[tuple[str, int]] = []
    for index, token in enumerate(tokens):
        framework = _framework_token(token, tokens, index)
        if framework is not None:
            value, ranged = _level_number(tokens, index + framework[1])
            if value is not None:
                (ranges if ranged else pairs).append((framework[0], value))
            continue
        if token.word in _LEVEL_WORDS:
            value, ranged = _level_number(tokens, index + 1)
            if value is None:
                continue
            spot = index + 2
            steps = 0
            while spot < len(tokens) and steps < 5 and tokens[spot].word in _FILLERS | {"(", ")"}:
                spot += 1
                steps += 1
            named = _framework_token(tokens[spot], tokens, spot) if spot < len(tokens) else None
            if named is not None:
                (ranges if ranged else pairs).append((named[0], value))
    audience = _descriptive_level(text)
    if ranges:
        return None, audience, f"{_quote(text)} gives a range of levels, not one level"
    distinct = list(dict.fromkeys(pairs))
    eqf = [pair for pair in distinct if pair[0] == "EQF"]
    chosen = eqf[0] if len(eqf) == 1 else (distinct[0] if len(distinct) == 1 else None)
    if chosen is not None:
        return {"framework": chosen[0], "value": chosen[1]}, audience, None
    if distinct:
        return None, audience, f"{_quote(text)} gives several levels"
    numbers = [token for token in tokens if token.figure is not None]
    if hint is not None and len(numbers) == 1:
        value, _ = _level_number(tokens, tokens.index(numbers[0]))
        if value is not None:
            return {"framework": hint, "value": value}, audience, None
    if numbers and audience is None:
        return (
            None,
            None,
            (
                f"{_quote(text)} does not say in which qualifications framework (EQF, NQF...) "
                "the level is; write e.g. 'EQF 6'"
            ),
        )
    return None, audience, None


def _descriptive_level(text: str) -> str | None:
    head = _strip_parentheses(text)
    for mark in (",", ";", " - ", " \u2013 ", ". "):
        head = head.partition(mark)[0]
    head = head.strip().rstrip(".").strip()
    words = head.split()
    if not 1 <= len(words) <= 5 or any(char.isdigit() for char in head):
        return None
    if any(word.upper().strip(":") in _FRAMEWORK_NAMES for word in words):
        return None
    return head


def _is_language_tag(text: str) -> bool:
    parts = text.split("-")
    if not 2 <= len(parts[0]) <= 3 or not parts[0].isascii() or not parts[0].isalpha():
        return False
    return len(parts) <= 4 and all(
        2 <= len(part) <= 8 and part.isascii() and part.isalnum() for part in parts[1:]
    )


@lru_cache(maxsize=_CACHED)
def _language_named(name: str) -> str | None:
    folded = _fold(name)
    if folded in _LANGUAGES:
        return _LANGUAGES[folded]
    if not name.isascii() or not name.replace(" ", "").isalpha():
        return None
    import pycountry

    try:
        found = pycountry.languages.lookup(name)
    except LookupError:
        return None
    code = getattr(found, "alpha_2", None)
    return str(code) if code else None


def _language(text: str) -> tuple[str | None, str | None]:
    cleaned = _strip_parentheses(text).strip().rstrip(".").strip()
    if _is_language_tag(cleaned):
        primary, _, rest = cleaned.partition("-")
        region = "-".join(
            part.upper() if len(part) == 2 else part for part in rest.split("-") if part
        )
        return primary.lower() + (f"-{region}" if region else ""), None
    code = _language_named(cleaned) if len(cleaned) <= 40 else None
    if code is not None:
        return code, None
    pieces = [piece for piece in _LIST_SEPARATORS.split(cleaned) if piece.strip()]
    codes = [_language_named(piece.strip()) for piece in pieces[:12]]
    known = list(dict.fromkeys(code for code in codes if code is not None))
    if len(known) > 1 and len(known) == len(codes):
        return None, (
            f"{_quote(text)} names several languages ({', '.join(known)}); mcqa does not pick "
            "one: set language to the main one"
        )
    return None, (
        f"{_quote(text)} is not a language mcqa recognises; give a tag such as en, fr-CA or nl-BE"
    )


def _country(text: str) -> str | None:
    cleaned = _strip_parentheses(text).strip().rstrip(".")
    if len(cleaned) == 2 and cleaned.isascii() and cleaned.isalpha():
        return cleaned.upper()
    folded = _fold(cleaned)
    if folded in _COUNTRIES:
        return _COUNTRIES[folded]
    if len(cleaned) > 60:
        return None
    import pycountry

    try:
        return str(pycountry.countries.lookup(cleaned).alpha_2)
    except LookupError:
        return None


def _mode(text: str) -> str | None:
    head = _strip_parentheses(text)
    for mark in (" - ", " \u2013 ", ";", ". ", ","):
        head = head.partition(mark)[0]
    folded = _fold(head.rstrip("."))
    if folded in _MODES:
        return _MODES[folded]
    pieces = [piece for piece in re.split(r"\s(?:or|and|of|oder|ou|o)\s", folded) if piece]
    modes = {_MODES.get(piece.strip()) for piece in pieces}
    if len(modes) == 1 and None not in modes:
        return modes.pop()
    return None


def _is_currency(text: str) -> bool:
    if len(text) != 3 or not text.isascii() or not text.isalpha():
        return False
    import pycountry

    return pycountry.currencies.get(alpha_3=text.upper()) is not None


def _currency(text: str) -> str | None:
    token = text.strip().lower().rstrip(".")
    if token in _CURRENCIES:
        return _CURRENCIES[token]
    return text.strip().upper() if _is_currency(text.strip()) else None


_ASCII_DIGITS = "0123456789"


def _amount(text: str) -> float | None:
    """A price's figure: ``1,125`` and ``2.950`` are thousands, ``12,50`` has cents."""
    digits = "".join(char for char in text if char not in " '\u00a0\u202f")
    if not digits or any(char not in _ASCII_DIGITS + ".," for char in digits):
        return None
    if digits[0] not in _ASCII_DIGITS or digits[-1] not in _ASCII_DIGITS:
        return None
    marks = [index for index, char in enumerate(digits) if char in ".,"]
    if not marks:
        return float(digits)
    last = marks[-1]
    tail = digits[last + 1 :]
    if len(tail) in (1, 2):
        whole, cents = digits[:last], tail
        thousands = {digits[index] for index in marks[:-1]}
        if digits[last] in thousands:
            return None
    elif len(tail) == 3:
        whole, cents = digits, ""
        thousands = {digits[index] for index in marks}
    else:
        return None
    if len(thousands) > 1:
        return None
    groups = whole.split(thousands.pop()) if thousands else [whole]
    if not groups[0] or (len(groups[0]) > 3 and len(groups) > 1):
        return None
    if any(len(group) != 3 or not group.isdigit() for group in groups[1:]):
        return None
    if not groups[0].isdigit():
        return None
    return float("".join(groups) + (f".{cents}" if cents else ""))


def _price(value: Any) -> tuple[float | int | None, str | None, str | None]:
    """The amount and currency a price gives, and what was unclear in it."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None, None, "it is not a price"
    if not isinstance(value, str):
        figure = number(value)
        if figure is None or figure < 0:
            return None, None, f"{_quote(str(value))} is not a price"
        return _round(figure), None, None
    text = _strip_parentheses(value).strip()[:200]
    if _fold(text.rstrip(".")) in _FREE:
        return 0, None, None
    core = text.rstrip("-\u2014").rstrip().rstrip(".,").rstrip()
    digits = [index for index, char in enumerate(core) if char in _ASCII_DIGITS]
    if not digits:
        return None, None, f"{_quote(value)} gives no amount"
    first, last = digits[0], digits[-1]
    before, figure_text, after = (
        core[:first].strip(),
        core[first : last + 1],
        core[last + 1 :].strip(),
    )
    amount = _amount(figure_text)
    symbols = [symbol for symbol in (before, after) if symbol]
    if amount is None or len(symbols) > 1:
        return (
            None,
            None,
            (
                f"{_quote(value)} is not one plain amount; write the price as a figure with its "
                "currency, e.g. '189 EUR'"
            ),
        )
    symbol = symbols[0] if symbols else ""
    if not symbol:
        return _round(amount), None, None
    currency = _currency(symbol)
    if currency is not None:
        return _round(amount), currency, None
    if symbol.lower() in _AMBIGUOUS_CURRENCIES:
        return (
            _round(amount),
            None,
            (
                f"{_quote(value)} is in {_AMBIGUOUS_CURRENCIES[symbol.lower()]} of an unnamed "
                "country; set cost.currency to the ISO 4217 code (USD, CAD, AUD...)"
            ),
        )
    return (
        None,
        None,
        (
            f"{_quote(value)} is not one plain amount; write the price as a figure with its "
            "currency, e.g. '189 EUR'"
        ),
    )


def _words(text: str) -> list[str]:
    return [word.strip("<>()[],;:.\"'") for word in text.split()]


def _is_email(word: str) -> bool:
    local, at, domain = word.partition("@")
    return (
        bool(at)
        and bool(local)
        and "@" not in domain
        and "." in domain.strip(".")
        and not any(char.isspace() for char in word)
    )


def _is_web_address(text: str) -> bool:
    lowered = text.lower()
    if not lowered.startswith(("http://", "https://")):
        return False
    rest = text.split("://", 1)[1]
    return "." in rest.split("/", 1)[0] and not any(char.isspace() for char in text)


# -- the importer ---------------------------------------------------------------------


def _analyse(source: Document) -> tuple[_Import, Finding | None]:
    text = source.text if isinstance(source.text, str) else ""
    limit = LoadLimits().max_chars
    if len(text) > limit:
        imp = _Import(source, "")
        problem = Finding(
            rule="limit-size",
            message=f"the page is {len(text):,} characters long; mcqa reads pages of at most "
            f"{limit:,}",
            file=source.path,
            line=1,
            column=1,
        )
        return imp, problem
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    imp = _Import(source, text)
    offset = imp.front_matter()
    imp.body(offset)
    return imp, None


# The last page detect() analysed, so that convert() right after it does not parse
# it again. One entry, taken by convert(): the analysis is consumed as it is used.
_LAST: list[tuple[tuple[str | None, str, int], _Import, Finding | None]] = []

#: Sections that state facts of a credential, beside its outcomes and assessment.
_CREDENTIAL_FACTS = frozenset({"workload", "cost", "level", "issuer", "prerequisites", "audience"})


#: A page with this many headings numbered like a rubric's standards (``### 2.1 ...``) is
#: a standard or a rubric rendered for people, not a credential page.
_RUBRIC_HEADINGS = 8
_NUMBERED_HEADING = re.compile(r"^#{1,6}[ \t]+\d{1,3}\.\d{1,3}\b", re.MULTILINE)


def _numbered_headings(text: str) -> int:
    """How many headings are numbered ``N.N`` (counting stops at the threshold)."""
    count = 0
    for _ in _NUMBERED_HEADING.finditer(text):
        count += 1
        if count >= _RUBRIC_HEADINGS:
            break
    return count


def _key(source: Document) -> tuple[str | None, str, int]:
    return (source.path, source.sha256, len(source.text or ""))


class MarkdownImporter:
    """Markdown pages: YAML front matter, headings, lists and "**Label:** value" lines.

    >>> from mcqa.load._source import Document, SourceMap
    >>> page = "---\\ntitle: Data literacy\\nects: 5\\n---\\n## Learning outcomes\\n\\n- Clean a data set\\n"
    >>> source = Document("data.md", None, SourceMap(), (), "0" * 64, "markdown", page)
    >>> imported = MarkdownImporter().convert(source)
    >>> imported.document.data
    {'id': 'data', 'title': 'Data literacy', 'learning_outcomes': ['Clean a data set'], 'workload': {'ects': 5}}
    >>> imported.provenance["/learning_outcomes/0"]
    Provenance(source_field='section "Learning outcomes", item 1', line=7, column=3)
    """

    ID: ClassVar[str] = "markdown"
    DESCRIPTION: ClassVar[str] = (
        "Markdown pages: YAML front matter (Jekyll, Hugo) and headings, lists and "
        '"**Label:** value" lines in the body'
    )

    def detect(self, source: Document) -> bool:
        """Whether ``source`` is a Markdown page that describes a course or credential.

        It does when its front matter has a title, a heading names learning outcomes,
        objectives or assessment, or at least three "**Label:** value" lines name
        descriptor fields.
        """
        if source.format != "markdown" or not isinstance(source.text, str):
            return False
        imp, problem = _analyse(source)
        _LAST[:] = [(_key(source), imp, problem)]  # convert() reuses this analysis
        if problem is not None:
            return False
        if imp.front_title or imp.known_labels >= 3:
            return True
        if _numbered_headings(source.text) >= _RUBRIC_HEADINGS:
            return False  # a standard or a rubric, numbered 1.1, 1.2 ...: not a credential
        # One heading about outcomes or assessment is not enough (a page *about* a
        # standard has those too): a credential page also states something else
        # that a descriptor holds: a workload, a cost, a level, an issuer ...
        kinds = {section.target.kind for section in imp.sections if section.target is not None}
        return bool(kinds & {"outcomes", "objectives", "assessments"}) and (
            imp.known_labels >= 1 or bool(kinds & _CREDENTIAL_FACTS)
        )

    def convert(self, source: Document) -> Imported:
        """The descriptor ``source`` describes, with provenance and findings. Never raises."""
        if _LAST and _LAST[0][0] == _key(source):
            _, imp, problem = _LAST.pop()  # detect() has just read this very page
        else:
            imp, problem = _analyse(source)
        if problem is not None:
            imp.findings.append(problem)
        data, provenance = imp.descriptor()
        imp.identify(data, provenance, quiet=problem is not None)
        data = _reorder(imp.typed(data, provenance))
        document = descriptor_document(source, data, provenance, self.ID)
        findings = tuple(sorted(imp.findings, key=Finding.sort_key))
        return Imported(document, self.ID, dict(provenance), findings)
