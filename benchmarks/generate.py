#!/usr/bin/env python3
"""Generate a realistic, seeded catalog of microcredential descriptors for benchmarks.

::

    python benchmarks/generate.py OUT_DIR --count 10000 --seed 1
    python benchmarks/generate.py OUT_DIR --national          # 1,076,358 descriptors

The folder it writes looks like a real institution's repository::

    OUT_DIR/
      .mcqa.yaml                          rubric, reviews folder, fail_on
      .manifest.json                      count, seed, generator version, what was written
      catalog/<institution>/<faculty>/<id>.yaml   (a few .json)
      reviews/<institution>/<faculty>/<id>-<role>.yaml

Each descriptor depends only on ``(seed, index)``, never on the files written
before it, so a catalog is byte-identical for a seed however many processes
write it, and any part of it can be generated on its own (:func:`descriptor`).
The mix, drawn per file:

* **complete** (about 52 %): every field a good catalog entry has, 2 to 8
  outcomes aligned to ESCO skills, 1 to 3 assessments that cover them, cost,
  stackability, accessibility, quality assurance with current review dates;
* **flawed** (about 33 %): a complete entry with one to four faults: vague
  outcomes ("Understand ..."), no cost, template leftovers (TBD,
  ``[Issuing University Name]``, Lorem ipsum), a lapsed review, workload
  figures that disagree, an unassessed outcome, attendance as assessment, a
  ``UK`` country code, a plain-``http`` link, jargon, a key written twice;
* **draft** (about 8 %): a sparse entry copied from a template;
* **bad field** (about 6 %): a field of the wrong type (``hours: forty``,
  outcomes as one string, a mapping where a list belongs): still scored;
* **broken** (about 0.6 %): YAML that does not parse (a mis-indented key),
  the only ones ``mcqa check`` reports as ``error``;
* a duplicate id (about 0.3 %): the id of the descriptor before it.

About 3 % are written as JSON. About one descriptor in eight has review forms
(one to three reviewers; mostly everything met, some not met, some forms
partly filled in), whose ``sha256`` pins the descriptor's bytes so that
``mcqa check --reviews`` reads and matches them.

A finished folder is reused when its manifest names the same count, seed and
generator version; an interrupted one resumes where it stopped (each chunk
of 5,000 descriptors records when it is done). Disk use is about 10.5 KB per
descriptor with its share of review forms (4 KB blocks): some 1.1 GB for
100,000 and 11 GB (1.46 million files) for the national catalog.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Bump whenever the output for a seed changes: a folder with another version is regenerated.
GENERATOR_VERSION = 1

#: The count of unique US credentials, Credential Engine, "Counting U.S. Postsecondary and
#: Secondary Credentials" (2022).
NATIONAL_COUNT = 1_076_358

#: The day the catalog is written for: review dates are current as of this day.
#: Run ``mcqa check --today`` with it for reproducible decisions.
TODAY = "2026-12-01"

#: The rubric the review forms are written for.
RUBRIC = "mcqa-core@2.0.0"

#: Descriptors per chunk: the unit of parallel work and of resuming.
CHUNK = 5000

MANIFEST = ".manifest.json"
STATE = ".generate"

# -- vocabulary ----------------------------------------------------------------------

PLACES = [
    "Northbridge",
    "Tasman Bay",
    "Lakeshore",
    "Fenwick",
    "Ashworth",
    "Corrib",
    "Riverside",
    "Kingsmere",
    "Westmoor",
    "Harbourview",
    "Eastfield",
    "Glenrock",
    "Pinecrest",
    "Stonebridge",
    "Marlow",
    "Brookhaven",
    "Oakridge",
    "Silverdale",
    "Highgate",
    "Redcliffe",
    "Bayside",
    "Elmstead",
    "Thornbury",
    "Clearwater",
    "Summerhill",
    "Ravensworth",
    "Millbrook",
    "Holloway",
    "Greystone",
    "Larkspur",
    "Southport",
    "Ironwood",
    "Fairhaven",
    "Cedar Valley",
    "Kilbride",
    "Mount Pleasant",
    "Wexmoor",
    "Dunmore",
    "Aldergrove",
    "Whitcombe",
]
KINDS = [
    ("University", "university"),
    ("Community College", "cc"),
    ("Polytechnic", "poly"),
    ("Institute of Technology", "it"),
    ("College of Further Education", "cfe"),
    ("Technical University", "tu"),
    ("Academy", "academy"),
]
# country, region choices, language tag, currency, credit system
COUNTRIES = [
    ("IE", ["Munster", "Leinster", "Connacht"], "en-IE", "EUR", "ects"),
    ("GB", ["England", "Scotland", "Wales"], "en-GB", "GBP", "hours"),
    ("US", ["Michigan", "Ohio", "Texas", "Oregon", "Georgia"], "en-US", "USD", "credit_hours"),
    ("NZ", ["Nelson-Tasman", "Canterbury", "Waikato"], "en-NZ", "NZD", "hours"),
    ("AU", ["Victoria", "Queensland", "New South Wales"], "en-AU", "AUD", "hours"),
    ("NL", ["Noord-Holland", "Gelderland", "Utrecht"], "en", "EUR", "ects"),
    ("CA", ["Ontario", "British Columbia", "Nova Scotia"], "en-CA", "CAD", "ceus"),
    ("FI", ["Uusimaa", "Pirkanmaa"], "en", "EUR", "ects"),
    ("ZA", ["Western Cape", "Gauteng"], "en-ZA", "ZAR", "hours"),
]
PEOPLE = [
    "Dr Aoife Brennan",
    "Sofia Lindqvist",
    "Liam Byrne",
    "Dr Amara Osei",
    "Tomás Ó Briain",
    "Priya Raman",
    "Jürgen Weiß",
    "Marta Kowalska",
    "Hemi Walker",
    "Dr Grace Mensah",
    "Kenji Sato",
    "Lucía Fernández",
    "Ana Silva",
    "Noah Williams",
    "Fatima Haddad",
]

# name, slug, subjects, outcome objects, occupations, skills
FACULTIES: list[tuple[str, str, list[str], list[str], list[tuple[str, str, str]], list[str]]] = [
    (
        "School of Computing and Data",
        "computing",
        [
            "Data Analytics",
            "Cloud Security",
            "Python Programming",
            "Web Development",
            "Machine Learning",
            "Database Design",
            "Network Administration",
            "DevOps Practice",
        ],
        [
            "a raw data set of at least 5,000 rows for analysis",
            "a relational schema for a small business system",
            "a dashboard that tracks three key measures over time",
            "a secure cloud network for a three-tier web application",
            "a Python script that automates a weekly reporting task",
            "the results of an analysis for a non-specialist audience",
            "a deployment pipeline with automated tests",
            "access controls for a shared file server",
            "a regression model and the limits of its predictions",
            "a responsive web page that meets accessibility guidelines",
        ],
        [
            ("ISCO-08", "2511", "Systems analysts"),
            ("ISCO-08", "2521", "Database designers and administrators"),
            ("O*NET-SOC", "15-2051.00", "Data Scientists"),
            ("ESCO", "2511.1", "ICT business analyst"),
            (
                "ISCO-08",
                "3512",
                "Information and communications technology user support technicians",
            ),
        ],
        [
            "implement data quality processes",
            "perform data analysis",
            "use databases",
            "manage cloud security and compliance",
            "develop automated software tests",
            "use scripting programming",
            "deliver visual presentation of data",
        ],
    ),
    (
        "Faculty of Health and Social Care",
        "health",
        [
            "Clinical Leadership",
            "Infection Prevention",
            "Mental Health First Aid",
            "Patient Handover",
            "Dementia Care",
            "Medication Safety",
            "Health Informatics",
        ],
        [
            "a structured handover for a ward or community team",
            "a care plan for an older adult living with dementia",
            "the main routes of infection in a clinical setting",
            "a medication round that follows the five rights",
            "structured feedback to a colleague after an observed episode of care",
            "a small quality-improvement project using a PDSA cycle",
            "the risks of a manual handling task on a ward",
            "a safeguarding concern to the right person",
            "patient records that meet data protection rules",
        ],
        [
            ("ISCO-08", "2221", "Nursing professionals"),
            ("ISCO-08", "5321", "Health care assistants"),
            ("O*NET-SOC", "29-1141.00", "Registered Nurses"),
            ("ESCO", "2221.1", "advanced nurse practitioner"),
        ],
        [
            "apply health sciences in nursing",
            "lead a team",
            "manage infection control in the facility",
            "administer medication",
            "follow clinical guidelines",
            "communicate in healthcare",
        ],
    ),
    (
        "Business School",
        "business",
        [
            "Project Management",
            "Digital Marketing",
            "Financial Planning",
            "Supply Chain Basics",
            "People Management",
            "Small Business Accounting",
            "Negotiation Skills",
        ],
        [
            "a project plan with a budget, a schedule and a risk register",
            "a digital campaign for a local business and its results",
            "a cash-flow forecast for a small firm",
            "a supplier contract against a checklist of risks",
            "a performance review with a member of staff",
            "the accounts of a sole trader for one year",
            "a negotiation strategy for a supplier meeting",
            "a budget variance report for a department",
        ],
        [
            ("ISCO-08", "2421", "Management and organisation analysts"),
            ("ISCO-08", "1219", "Business services and administration managers"),
            ("O*NET-SOC", "13-1082.00", "Project Management Specialists"),
            ("ESCO", "2431.1", "marketing manager"),
        ],
        [
            "perform project management",
            "manage budgets",
            "perform risk analysis",
            "plan digital marketing",
            "negotiate with suppliers",
            "prepare financial statements",
        ],
    ),
    (
        "Department of Engineering and Trades",
        "engineering",
        [
            "Welding Safety",
            "Electrical Installation",
            "Industrial Maintenance",
            "CNC Machining",
            "Renewable Energy Systems",
            "Plumbing Practice",
            "Building Information Modelling",
        ],
        [
            "a welding station that meets ventilation and fire-prevention rules",
            "the personal protective equipment needed for hot work",
            "a domestic electrical circuit to the wiring regulations",
            "a preventive maintenance schedule for a production line",
            "a CNC program for a two-part assembly",
            "a solar panel array for a small building",
            "a leak test on a pressurised water system",
            "a building model with the services laid out",
        ],
        [
            ("ISCO-08", "7212", "Welders and flamecutters"),
            ("ISCO-08", "7411", "Building and related electricians"),
            ("O*NET-SOC", "51-4121.00", "Welders, Cutters, Solderers, and Brazers"),
            ("ESCO", "7233.1", "industrial machinery mechanic"),
        ],
        [
            "use personal protection equipment",
            "install electrical wiring",
            "perform machine maintenance",
            "operate CNC machines",
            "install solar panels",
            "follow health and safety procedures",
        ],
    ),
    (
        "School of Education",
        "education",
        [
            "Online Teaching",
            "Inclusive Classrooms",
            "Assessment Design",
            "Early Years Practice",
            "Digital Skills for Teachers",
            "Adult Literacy Tutoring",
        ],
        [
            "a lesson plan that meets the needs of every learner in a mixed class",
            "an online module with activities and feedback",
            "an assessment rubric for a practical task",
            "a play-based activity for children aged three to five",
            "the reading level of a text for an adult learner",
            "feedback on a colleague's lesson against agreed criteria",
        ],
        [
            ("ISCO-08", "2330", "Secondary education teachers"),
            ("ISCO-08", "2342", "Early childhood educators"),
            ("O*NET-SOC", "25-3011.00", "Adult Basic Education Teachers"),
            ("ESCO", "2359.1", "e-learning developer"),
        ],
        [
            "prepare lesson content",
            "assess students",
            "use e-learning platforms",
            "apply inclusive teaching strategies",
            "give constructive feedback",
        ],
    ),
    (
        "Faculty of Arts, Media and Design",
        "creative",
        [
            "Video Production",
            "UX Design",
            "Podcasting",
            "Graphic Design Basics",
            "Social Media Content",
            "Photography for Business",
        ],
        [
            "a two-minute video from script to final cut",
            "a usability test with five users and a report of what they found",
            "a podcast episode with edited sound and show notes",
            "a brand style guide for a small organisation",
            "a month of social media posts and a review of how they did",
            "a set of product photographs for an online shop",
        ],
        [
            ("ISCO-08", "2166", "Graphic and multimedia designers"),
            ("ISCO-08", "3521", "Broadcasting and audio-visual technicians"),
            ("O*NET-SOC", "27-1024.00", "Graphic Designers"),
            ("ESCO", "2166.1", "user interface designer"),
        ],
        [
            "edit video",
            "conduct user research",
            "edit recorded sound",
            "create digital images",
            "develop creative ideas",
        ],
    ),
]

VERBS = [
    ("Prepare", "apply"),
    ("Analyze", "analyze"),
    ("Build", "create"),
    ("Design", "create"),
    ("Evaluate", "evaluate"),
    ("Apply", "apply"),
    ("Create", "create"),
    ("Compare", "analyze"),
    ("Plan", "create"),
    ("Demonstrate", "apply"),
    ("Produce", "create"),
    ("Assess", "evaluate"),
    ("Present", "apply"),
    ("Document", "apply"),
    ("Configure", "apply"),
    ("Justify", "evaluate"),
]
VAGUE = [
    "Understand {o}",
    "Knowledge of {o}",
    "Be familiar with {o}",
    "Gain an appreciation of {o}",
    "Learn about {o}",
    "Develop an understanding of {o}",
]
CONTEXTS = [
    "",
    " in a workplace setting",
    " for a real client",
    " under supervision",
    " to the standard an employer expects",
    " using tools from the course",
    " and explain each choice made",
    " within a set time",
]
ASSESSMENT_TYPES = [
    (
        "project",
        "A workplace project on a partner's case: learners plan the work, carry it out and "
        "present the results to a tutor and an industry reviewer.",
    ),
    (
        "exam",
        "A supervised online exam of 60 minutes with short answers and worked problems, "
        "taken under remote proctoring.",
    ),
    (
        "portfolio",
        "A portfolio of four pieces of work from the course, each with a short reflection "
        "on what was learned and what the learner would do next time.",
    ),
    (
        "practical",
        "A practical test in the workshop, observed by two assessors who use a published "
        "checklist.",
    ),
    (
        "presentation",
        "A ten-minute presentation to a panel, followed by five minutes of questions.",
    ),
    (
        "quiz",
        "Two timed online quizzes on the main ideas of the course, one at mid-point and one at "
        "the end.",
    ),
]
PASSING = [
    "At least 60 % on each criterion of the published rubric.",
    'At least "proficient" on each of the five criteria of the published project rubric; one '
    "resubmission is allowed within two weeks.",
    "A combined score of at least 65 %, with no criterion below 50 %.",
    "Every item on the assessment checklist observed as done safely and correctly.",
]
DESC_OPEN = [
    "This short course teaches the core skills of {s} that employers ask for.",
    "Learn the practical side of {s} with help from tutors who work in the field.",
    "This microcredential is for people who use {s} at work and want to do it well.",
    "In this course you learn {s} step by step, from the basics to real tasks.",
]
DESC_MID = [
    "You work with real cases from local firms and public bodies.",
    "Each week has short videos, practice tasks and a live help session.",
    "You get feedback from a tutor on every task you hand in.",
    "You practise in small groups and share what you find.",
    "Guest speakers from industry explain how the work is done today.",
    "All the tools you need are free to use during the course.",
    "You can study in the evening or at the weekend.",
    "The course ends with a project you can show to employers.",
]
JARGON = (
    "This microcredential operationalises interdisciplinary methodological competencies, "
    "facilitating comprehensive organisational transformation through systematic evaluation of "
    "institutional infrastructure considerations and contemporary regulatory expectations."
)
AUDIENCES = [
    ("Working adults who want to move into a new role.", "beginner"),
    ("Staff who already do this work and want a recognised credential for it.", "intermediate"),
    ("Career changers and jobseekers returning to work.", "beginner"),
    ("Team leads and supervisors who manage this work in their organisation.", "intermediate"),
    ("Experienced practitioners who want to update their skills.", "advanced"),
]
SKILLS_GAP = [
    "Regional employers report that few of their staff have any training in {s}.",
    "Newly promoted staff often take on {s} with no structured training.",
    "Employers in the region say that new hires need months of help before they can take on "
    "{s} alone.",
]
EVIDENCE = (
    '{place} Employers Network, "Regional Skills Needs Survey {y}" (n = {n} employers): {p} % of '
    "respondents had unfilled roles that need these skills. Report: https://www.{slug}-employers.org/"
    "reports/skills-{y}"
)
PARTNERS = [
    "{place} Analytics Ltd (case data and guest reviewers)",
    "{place} Regional Hospital (placements)",
    "{place} Manufacturing Alliance (advisory board)",
    "{place} Chamber of Commerce (employer panel)",
    "{place} City Council (projects)",
]
SUPPORTS = [
    "laptop loan scheme for the length of the course",
    "weekly drop-in help sessions with a learning support tutor",
    "peer study groups matched by time zone and schedule",
    "free childcare on study days",
    "a named mentor from a partner employer",
]
PLACEHOLDERS = [
    ("issuer_name", "[Issuing University Name]"),
    ("schedule", "Two study days on campus (dates TBD) plus six weeks of online learning."),
    ("equity", "Lorem ipsum dolor sit amet, consectetur adipiscing elit."),
    ("contact", "<insert contact name>"),
]
FAULTS = [
    "vague-outcomes",
    "no-cost",
    "placeholder",
    "lapsed-review",
    "workload-mismatch",
    "unassessed-outcome",
    "attendance",
    "bad-country",
    "http-link",
    "jargon",
    "duplicate-key",
    "no-accessibility",
    "plain-outcomes",
]
BAD_FIELDS = [
    "hours-text",
    "outcomes-string",
    "assessments-mapping",
    "level-text",
    "workload-number",
]

# The standards of mcqa-core 2.0.0 that reviewers judge (hybrid and manual), with titles.
REVIEWED = [
    ("1.1", "Title and description"),
    ("1.2", "Awarding body and its location"),
    ("1.3", "Intended audience"),
    ("1.4", "Purpose and value"),
    ("2.1", "Learning outcomes are stated"),
    ("2.2", "Outcomes are measurable"),
    ("2.3", "Outcomes fit the level"),
    ("2.5", "Outcomes aligned to a skills framework"),
    ("2.6", "One focused achievement"),
    ("3.1", "Type of assessment"),
    ("3.3", "Passing standard"),
    ("3.5", "Authentic and trustworthy assessment"),
    ("4.6", "Realistic workload"),
    ("5.1", "Skills gap"),
    ("5.2", "Evidence of demand"),
    ("5.4", "Industry and community partners"),
    ("5.5", "Employer endorsement"),
    ("6.1", "Pathways"),
    ("6.3", "Credit recommendation is credible"),
    ("7.1", "Accessibility statement and accommodations"),
    ("7.2", "Accessibility conformance target"),
    ("7.3", "Plain-language description"),
    ("7.4", "Inclusive and representative design"),
    ("7.5", "Supports for learners"),
    ("8.1", "Full cost disclosed"),
    ("8.4", "Scholarships and other help with cost"),
    ("8.6", "Affordable for the intended learners"),
    ("9.1", "Type of quality assurance"),
    ("9.2", "Approved through policy and governance"),
    ("9.4", "Outcome data"),
    ("9.7", "Continuous improvement"),
]
ROLES = ["chair", "sme", "peer"]

# -- a small, fast YAML writer ---------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][^\n\t]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
_FLOW_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if (
        _PLAIN.fullmatch(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and text.lower() not in _RESERVED
    ):
        return text
    return "'" + text.replace("'", "''") + "'"


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for word in text.split(" "):
        if current and size + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, size = [word], len(word)
        else:
            size += len(word) + (1 if current else 0)
            current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def _value_lines(key_prefix: str, value: Any, indent: int, out: list[str]) -> None:
    """Write ``key_prefix`` (``"key:"`` or ``"-"``) and its value at ``indent``."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(f"{pad}{key_prefix} {{}}")
            return
        if key_prefix == "-":
            sub: list[str] = []
            _mapping(value, indent + 2, sub, top=False)
            sub[0] = pad + "- " + sub[0][indent + 2 :]
            out.extend(sub)
        else:
            out.append(f"{pad}{key_prefix}")
            _mapping(value, indent + 2, out, top=False)
    elif isinstance(value, list):
        if not value:
            out.append(f"{pad}{key_prefix} []")
        elif all(isinstance(v, str) and _FLOW_ITEM.fullmatch(v) for v in value) and len(value) <= 8:
            out.append(f"{pad}{key_prefix} [{', '.join(value)}]")
        else:
            out.append(f"{pad}{key_prefix}")
            for item in value:
                _value_lines("-", item, indent + 2, out)
    elif isinstance(value, str) and len(value) + indent + len(key_prefix) > 90 and " " in value:
        out.append(f"{pad}{key_prefix} >-")
        inner = pad + "  "
        out.extend(inner + line for line in _wrap(value, max(40, 86 - indent)))
    else:
        out.append(f"{pad}{key_prefix} {_scalar(value)}")


def _mapping(data: dict[str, Any], indent: int, out: list[str], *, top: bool) -> None:
    for key, value in data.items():
        if top and isinstance(value, (dict, list)) and out and out[-1] != "":
            out.append("")
        _value_lines(f"{key}:", value, indent, out)
        if top and isinstance(value, (dict, list)):
            out.append("")


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    """``data`` as block-style YAML, the way people write descriptors."""
    out: list[str] = [f"# {line}" if line else "#" for line in header.splitlines()]
    _mapping(data, 0, out, top=True)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# -- one descriptor --------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What the generator made for one index: the descriptor and its review forms."""

    index: int
    id: str
    kind: str  # complete | flawed | draft | bad-field | broken
    faults: tuple[str, ...]
    path: str  # relative to the catalog's folder (OUT_DIR)
    data: bytes
    forms: tuple[tuple[str, bytes], ...] = ()
    duplicate_id: bool = False


def _rng(seed: int, index: int, salt: int = 0) -> random.Random:
    return random.Random((seed * 1_000_003 + index) * 7 + salt)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class _Institution:
    name: str
    code: str
    slug: str
    place: str
    country: tuple[str, list[str], str, str, str]
    region: str
    domain: str


def _institution(seed: int, block: int) -> _Institution:
    """Institution of a block of 250 consecutive descriptors (a real catalog is dense)."""
    rng = _rng(seed, block, salt=1)
    place = rng.choice(PLACES)
    kind, kind_code = rng.choice(KINDS)
    country = rng.choice(COUNTRIES)
    name = f"{place} {kind}"
    code = "".join(word[0] for word in name.split()).lower() + f"{block % 100:02d}"
    slug = f"{_slug(name)}-{block}"
    tld = {"US": "edu", "GB": "ac.uk", "NZ": "ac.nz", "AU": "edu.au", "ZA": "ac.za"}.get(
        country[0], country[0].lower()
    )
    domain = f"www.{_slug(place).replace('-', '')}-{kind_code}.{tld}"
    return _Institution(name, code, slug, place, country, rng.choice(country[1]), domain)


def _identity(seed: int, index: int) -> tuple[_Institution, int, str, str]:
    """Institution, faculty, title and id of a descriptor: the first draws of its generator."""
    inst = _institution(seed, index // 250)
    rng = _rng(seed, index)
    faculty = rng.randrange(len(FACULTIES))
    subject = rng.choice(FACULTIES[faculty][2])
    suffix = rng.choice(
        [
            "Foundations",
            "Essentials",
            "in Practice",
            "for Managers",
            "Advanced",
            "Level 1",
            "Level 2",
            "Bootcamp",
            "Certificate",
        ]
    )
    title = f"{subject} {suffix}"
    return inst, faculty, title, f"{inst.code}-{_slug(title)}-{index}"


def _uuid(rng: random.Random) -> str:
    a, b, c = rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12)
    d, e = 0x8000 | rng.getrandbits(14), rng.getrandbits(48)
    return f"{a:08x}-{b:04x}-4{c:03x}-{d:04x}-{e:012x}"


def _date(year: int, rng: random.Random) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _complete(seed: int, index: int, rng: random.Random) -> dict[str, Any]:
    inst, faculty_index, title, ident = _identity(seed, index)
    fname, _slug_name, subjects, objects, occupations, skills = FACULTIES[faculty_index]
    code, _regions, language, currency, credit = inst.country
    base = f"https://{inst.domain}"
    page = f"{base}/microcredentials/{_slug(title)}"
    subject = (
        title.rsplit(" ", 1)[0]
        if title.endswith(("Foundations", "Essentials", "Advanced", "Bootcamp", "Certificate"))
        else title
    )
    topic = subject.split(" Level")[0].split(" for ")[0].split(" in Practice")[0].lower()

    n_outcomes = rng.choices(range(2, 9), [25, 30, 18, 10, 8, 5, 4])[0]
    chosen = rng.sample(objects, min(n_outcomes, len(objects)))
    while len(chosen) < n_outcomes:
        chosen.append(rng.choice(objects))
    aligned = rng.random() < 0.9
    outcomes = []
    for n, obj in enumerate(chosen, 1):
        verb, level = rng.choice(VERBS)
        outcome: dict[str, Any] = {
            "id": f"LO{n}",
            "statement": f"{verb} {obj}{rng.choice(CONTEXTS)}.",
            "bloom_level": level,
        }
        if aligned:
            uuid = _uuid(rng)
            alignment = {"framework": "ESCO", "name": rng.choice(skills)}
            if rng.random() < 0.5:
                alignment["code"] = uuid
            else:
                alignment["url"] = f"http://data.europa.eu/esco/skill/{uuid}"
            outcome["alignments"] = [alignment]
        outcomes.append(outcome)

    n_assess = rng.randint(1, min(3, n_outcomes))
    types = rng.sample(ASSESSMENT_TYPES, n_assess)
    ids = [o["id"] for o in outcomes]
    assessments = []
    for a, (atype, adesc) in enumerate(types, 1):
        # The first assessment covers every outcome; the others a part.
        covered = (
            ids
            if a == 1
            else sorted(rng.sample(ids, rng.randint(1, len(ids))), key=lambda i: int(i[2:]))
        )
        assessments.append(
            {
                "id": f"A{a}",
                "type": atype,
                "description": adesc,
                "outcomes": covered,
                "passing_standard": rng.choice(PASSING),
            }
        )

    hours = rng.choice([12, 25, 30, 40, 50, 60, 75, 100, 125, 150])
    weeks = rng.choice([4, 6, 8, 10, 12])
    workload: dict[str, Any] = {"hours": hours}
    if credit == "ects":
        workload["ects"] = round(hours / 27.5 * 2) / 2 or 0.5
    elif credit == "credit_hours":
        workload["credit_hours"] = max(1, round(hours / 45))
    elif credit == "ceus":
        workload["ceus"] = round(hours / 12, 1)
    workload["duration_weeks"] = weeks
    workload["pace"] = f"part-time (about {round(hours / weeks, 1)} hours a week)"
    workload_fix = workload.get("ects")
    if workload_fix is not None and not 25 * workload_fix * 0.9 <= hours <= 30 * workload_fix * 1.1:
        workload.pop("ects")
    if "credit_hours" in workload and not 30 * workload["credit_hours"] * 0.9 <= hours:
        workload.pop("credit_hours")

    amount = rng.choice([0, 150, 250, 450, 650, 900, 1200])
    cost: dict[str, Any] = {"amount": amount, "currency": currency}
    cost["includes"] = rng.sample(
        [
            "tuition and all assessments",
            "the digital credential",
            "course materials",
            "software licences for the course",
        ],
        2,
    )
    cost["additional_fees"] = "none"
    if amount:
        cost["financial_aid"] = {
            "eligible": True,
            "programs": [f"{inst.place} Skills Fund (fully funded places for jobseekers)"],
        }
        cost["scholarships"] = (
            f"{inst.place} Lifelong Learning Bursary: up to 100 % of fees for learners on a low "
            "income; applications close four weeks before each cohort starts."
        )
        cost["refund_policy_url"] = f"{base}/fees/refunds"

    aud_text, aud_level = rng.choice(AUDIENCES)
    last = _date(rng.choice([2025, 2026]), rng)
    if last > TODAY:
        last = "2026-03-15"
    next_year = int(last[:4]) + rng.choice([2, 3])
    desc = " ".join(
        [rng.choice(DESC_OPEN).format(s=topic), *rng.sample(DESC_MID, rng.randint(1, 4))]
    )
    data: dict[str, Any] = {
        "descriptor_format": 1,
        "id": ident,
        "title": title,
        "type": "microcredential",
        "status": "active",
        "version": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}.0",
        "language": language,
        "url": page,
        "issuer": {
            "name": f"{fname}, {inst.name}",
            "url": base,
            "country": code,
            "region": inst.region,
            "parent": inst.name,
        },
        "description": desc,
        "audience": {
            "description": aud_text,
            "level": aud_level,
            "prior_knowledge": rng.choice(
                [
                    "None.",
                    "Everyday use of a computer.",
                    "A year of work in the field, or a related course.",
                ]
            ),
        },
        "relevance": {
            "skills_gap": rng.choice(SKILLS_GAP).format(s=topic),
            "labor_market_evidence": EVIDENCE.format(
                place=inst.place,
                y=rng.choice([2024, 2025]),
                n=rng.randint(40, 400),
                p=rng.randint(20, 80),
                slug=_slug(inst.place),
            ),
            "industry_partners": [
                p.format(place=inst.place) for p in rng.sample(PARTNERS, rng.randint(1, 2))
            ],
            "occupations": [
                {"framework": f, "code": c, "title": t}
                for f, c, t in rng.sample(occupations, rng.randint(1, 2))
            ],
        },
        "learning_outcomes": outcomes,
        "workload": workload,
        "level": {"framework": "EQF", "value": rng.choice([3, 4, 5, 6])},
        "delivery": {
            "mode": rng.choice(["online", "on-site", "blended"]),
            "schedule": f"Cohorts start in September and February; {weeks} weeks each.",
        },
        "assessments": assessments,
        "identity_verification": rng.choice(["supervised-id-check", "supervised", "none"]),
        "prerequisites": [
            rng.choice(
                [
                    "A secondary school diploma or equivalent",
                    "Relevant work experience, assessed through recognition of prior learning",
                ]
            )
        ],
        "cost": cost,
        "stackability": {
            "stacks_into": [
                {"title": f"Certificate in {rng.choice(subjects)}", "type": "certificate"}
            ],
        },
        "credential": {
            "format": "Open Badges 3.0",
            "platform": f"{inst.place} Digital Credentials",
            "verification_url": f"{base}/badges/verify",
            "expires": "never",
        },
        "accessibility": {
            "statement": "Course pages and videos meet WCAG 2.2 AA, with captions and "
            "transcripts; extra time is available on request.",
            "conformance": "WCAG 2.2 AA",
            "accommodations_contact": f"access@{inst.domain[4:]}",
        },
        "equity": {
            "statement": "Evening sessions are recorded so that shift workers and carers can "
            "take part.",
            "supports": rng.sample(SUPPORTS, rng.randint(1, 3)),
        },
        "quality_assurance": {
            "type": "internal",
            "body": f"{inst.name} Quality Office",
            "approved_through": f"Academic Council, {fname}",
            "policy_url": f"{base}/quality/microcredential-policy",
            "last_review": last,
            "next_review": f"{next_year}{last[4:]}",
        },
        "outcomes_data": {
            "enrollments": rng.randint(20, 600),
            "completion_rate": round(rng.uniform(55, 95), 1),
            "period": "2024-2025 academic year",
        },
        "contact": {
            "name": f"{rng.choice(PEOPLE)}, Programme Lead",
            "email": f"microcredentials@{inst.domain[4:]}",
        },
    }
    if rng.random() < 0.5:
        unit = {"ects": "ECTS", "credit_hours": "US semester credit hours"}.get(credit)
        if unit and credit in workload:
            data["stackability"]["credit"] = {
                "value": workload[credit],
                "unit": unit,
                "recommended_by": f"{inst.name} Academic Council",
            }
    if rng.random() < 0.9:
        data["stackability"]["transcripted"] = True
    if rng.random() < 0.2:
        data.pop("outcomes_data")
    if rng.random() < 0.2:
        data["relevance"].pop("labor_market_evidence")
    if rng.random() < 0.3:
        data["extensions"] = {"isced_f": f"0{rng.randint(111, 999)}"}
    return data


def _apply_fault(fault: str, data: dict[str, Any], rng: random.Random) -> None:
    if fault == "vague-outcomes":
        for outcome in rng.sample(
            data["learning_outcomes"], min(2, len(data["learning_outcomes"]))
        ):
            obj = outcome["statement"].split(" ", 1)[1].rstrip(".")
            outcome["statement"] = rng.choice(VAGUE).format(o=obj) + "."
    elif fault == "no-cost":
        data.pop("cost", None)
    elif fault == "placeholder":
        where, text = rng.choice(PLACEHOLDERS)
        if where == "issuer_name":
            data["issuer"]["name"] = text
        elif where == "schedule":
            data["delivery"]["schedule"] = text
        elif where == "equity":
            data["equity"]["statement"] = text
        else:
            data["contact"]["name"] = text
    elif fault == "lapsed-review":
        data["quality_assurance"]["last_review"] = _date(2021, rng)
        data["quality_assurance"]["next_review"] = _date(2024, rng)
    elif fault == "workload-mismatch":
        data["workload"]["ects"] = rng.choice([5, 10, 15])
        data["workload"]["hours"] = rng.choice([10, 20, 30])
    elif fault == "unassessed-outcome":
        first = data["assessments"][0]
        if "outcomes" not in first:  # outcomes without ids: nothing to leave out
            return
        if len(first["outcomes"]) > 1:
            first["outcomes"] = first["outcomes"][:-1]
        for other in data["assessments"][1:]:
            other["outcomes"] = [o for o in other["outcomes"] if o in first["outcomes"]] or ["LO1"]
        first["outcomes"] = [*first["outcomes"], "LO9"]
    elif fault == "attendance":
        data["assessments"] = [
            {
                "id": "A1",
                "type": "other",
                "description": "Attendance at all sessions and participation in the discussions.",
                "outcomes": [o["id"] for o in data["learning_outcomes"]],
            }
        ]
    elif fault == "bad-country":
        data["issuer"]["country"] = "UK" if rng.random() < 0.7 else "EU"
    elif fault == "http-link":
        data["quality_assurance"]["policy_url"] = data["quality_assurance"]["policy_url"].replace(
            "https://", "http://"
        )
    elif fault == "jargon":
        data["description"] = JARGON + " " + data["description"]
        data["audience"]["level"] = "beginner"
    elif fault == "no-accessibility":
        data.pop("accessibility", None)
    elif fault == "plain-outcomes":
        data["learning_outcomes"] = [o["statement"] for o in data["learning_outcomes"]]
        for assessment in data["assessments"]:
            assessment.pop("outcomes", None)
    # "duplicate-key" is applied to the text.


def _draft(seed: int, index: int, rng: random.Random) -> dict[str, Any]:
    inst, faculty_index, title, ident = _identity(seed, index)
    objects = FACULTIES[faculty_index][3]
    return {
        "descriptor_format": 1,
        "id": ident,
        "title": title,
        "type": "microcredential",
        "status": "draft",
        "version": "0.1.0",
        "language": inst.country[2],
        "url": f"https://{inst.domain}/courses/{_slug(title)}",
        "issuer": {
            "name": rng.choice([inst.name, "[Issuing University Name]"]),
            "url": f"https://{inst.domain}",
            "country": inst.country[0],
        },
        "description": f"This course covers {rng.choice(objects)}. More details to follow (TBD). "
        "It is copied from the faculty template and has not been reviewed yet.",
        "audience": {"description": "Anyone interested in the topic."},
        "learning_outcomes": [
            rng.choice(VAGUE).format(o=o) for o in rng.sample(objects, rng.randint(2, 4))
        ],
        "workload": {"hours": rng.choice([10, 20, 40]), "duration_weeks": rng.choice([2, 4, 6])},
        "delivery": {"mode": rng.choice(["online", "blended"]), "schedule": "TBA"},
        "cost": {"amount": "XX"} if rng.random() < 0.3 else {"amount": 0},
        "quality_assurance": {"type": "internal", "body": "[Quality Office]"},
        "contact": {"email": f"info@{inst.domain[4:]}"},
    }


def _bad_field(which: str, data: dict[str, Any]) -> None:
    if which == "hours-text":
        data["workload"]["hours"] = "forty"
    elif which == "outcomes-string":
        data["learning_outcomes"] = "; ".join(
            o["statement"] if isinstance(o, dict) else o for o in data["learning_outcomes"]
        )
    elif which == "assessments-mapping":
        data["assessments"] = data["assessments"][0]
    elif which == "level-text":
        data["level"]["value"] = "five"
    elif which == "workload-number":
        data["workload"] = data["workload"]["hours"]


def _header(data: dict[str, Any], kind: str, faults: tuple[str, ...]) -> str:
    what = {
        "complete": "a complete catalog entry",
        "flawed": "a catalog entry with faults: " + ", ".join(faults),
        "draft": "a draft copied from a template",
        "bad-field": "a catalog entry with a field of the wrong type: " + ", ".join(faults),
        "broken": "a catalog entry that does not parse",
    }[kind]
    return f"yaml-language-server: $schema=../../../schemas/descriptor.schema.json\n{data['title']}: {what}."


def descriptor(seed: int, index: int) -> Entry:
    """The descriptor (and review forms) of ``index`` in the catalog of ``seed``."""
    inst, faculty_index, _title, ident = _identity(seed, index)
    rng = _rng(seed, index, salt=2)
    roll = rng.random()
    faults: tuple[str, ...] = ()
    if roll < 0.52:
        kind = "complete"
    elif roll < 0.85:
        kind = "flawed"
    elif roll < 0.93:
        kind = "draft"
    elif roll < 0.994:
        kind = "bad-field"
    else:
        kind = "broken"
    body_rng = _rng(seed, index)
    make = _draft if kind == "draft" else _complete
    data = make(seed, index, body_rng)
    if kind == "flawed":
        faults = tuple(sorted(rng.sample(FAULTS, rng.choices([1, 2, 3, 4], [45, 30, 15, 10])[0])))
        for fault in FAULTS:  # in this order: "plain-outcomes" last
            if fault in faults:
                _apply_fault(fault, data, rng)
    elif kind == "bad-field":
        faults = (rng.choice(BAD_FIELDS),)
        _bad_field(faults[0], data)
    duplicate = index > 0 and index % 250 != 0 and rng.random() < 0.003
    if duplicate:
        data["id"] = _identity(seed, index - 1)[3]
    as_json = kind not in ("broken",) and "duplicate-key" not in faults and rng.random() < 0.03
    folder = f"catalog/{inst.slug}/{FACULTIES[faculty_index][1]}"
    if as_json:
        path = f"{folder}/{ident}.json"
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        path = f"{folder}/{ident}.yaml"
        text = to_yaml(data, _header(data, kind, faults))
        if "duplicate-key" in faults:
            text = text.replace("\ntitle: ", f"\ntitle: {data['title']} (old title)\ntitle: ", 1)
        if kind == "broken":
            # One key indented a space too little, as in examples/catalog/broken-entry.yaml.
            text = text.replace("\n  country: ", "\n country: ", 1)
    raw = text.encode("utf-8")
    forms: tuple[tuple[str, bytes], ...] = ()
    reviewed = {"complete": 0.22, "flawed": 0.06}.get(kind, 0.0)
    if rng.random() < reviewed:
        forms = _forms(seed, index, data, path, raw, rng)
    return Entry(index, data["id"], kind, faults, path, raw, forms, duplicate)


def _forms(
    seed: int, index: int, data: dict[str, Any], path: str, raw: bytes, rng: random.Random
) -> tuple[tuple[str, bytes], ...]:
    """One to three reviewers' forms for a descriptor: mostly all met, some not, some unfinished."""
    scenario = rng.choices(["met", "mixed", "partial"], [60, 20, 20])[0]
    roles = ROLES if scenario != "partial" else ROLES[: rng.randint(1, 2)]
    sha = hashlib.sha256(raw).hexdigest()
    stem = path.rsplit("/", 1)[1].rsplit(".", 1)[0]
    folder = "reviews/" + path.split("/", 1)[1].rsplit("/", 1)[0]
    relative = os.path.relpath(path, folder)
    credit = isinstance(data.get("stackability"), dict) and "credit" in data["stackability"]
    cost = data.get("cost")
    paid = (
        isinstance(cost, dict)
        and isinstance(cost.get("amount"), (int, float))
        and cost["amount"] > 0
    )
    standards = [
        (sid, title)
        for sid, title in REVIEWED
        if not (sid == "6.3" and not credit) and not (sid == "8.4" and not paid)
    ]
    failing = set(rng.sample([s for s, _ in standards], rng.randint(1, 3)))
    forms = []
    for role in roles:
        name = rng.choice(PEOPLE)
        lines = [
            "# yaml-language-server: $schema=../../../schemas/review.schema.json",
            f"# Review of {data['title']} by {name} ({role}), round 1.",
            "review_format: 1",
            f"rubric: {RUBRIC}",
            "descriptor:",
            f"  id: {_scalar(data['id'])}",
            f"  path: {relative}",
            f"  sha256: {sha}",
            "reviewer:",
            f"  name: {_scalar(name)}",
            f"  role: {role}",
            "round: 1",
            f"date: '2026-11-{rng.randint(2, 28):02d}'",
            "standards:",
        ]
        for sid, title in standards:
            lines.append(f'  "{sid}":  # {title}')
            if scenario == "partial" and rng.random() < 0.3:
                lines.append("    verdict:")
                lines.append("    comment:")
            elif scenario == "mixed" and sid in failing and role != "chair":
                lines.append("    verdict: not_met")
                lines.append(f"    comment: 'The evidence for {title.lower()} is thin.'")
                lines.append(
                    f"    recommendation: 'Say more about {title.lower()} in the descriptor.'"
                )
            else:
                lines.append("    verdict: met")
                lines.append(
                    f"    comment: 'Clear and specific: {title.lower()} is well evidenced.'"
                )
        forms.append((f"{folder}/{stem}-{role}.yaml", ("\n".join(lines) + "\n").encode("utf-8")))
    return tuple(forms)


def entries(seed: int, start: int, stop: int) -> Iterator[Entry]:
    """The descriptors ``start`` to ``stop - 1`` of the catalog of ``seed``, lazily."""
    for index in range(start, stop):
        yield descriptor(seed, index)


# -- writing a folder ---------------------------------------------------------------------

CONFIG = f"""\
# yaml-language-server: $schema=../schemas/config.schema.json
# A generated benchmark catalog: `mcqa check catalog` from this folder.
config_format: 1
rubric: {RUBRIC}
reviews: reviews
fail_on: not-conformant
"""


@dataclass
class Stats:
    """What a chunk (or a whole catalog) holds."""

    descriptors: int = 0
    forms: int = 0
    reviewed: int = 0
    bytes: int = 0
    descriptor_bytes: int = 0
    min_size: int = 0
    max_size: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    json_files: int = 0
    duplicate_ids: int = 0

    def add(self, other: Stats) -> None:
        self.min_size = min(self.min_size or other.min_size, other.min_size or self.min_size)
        self.max_size = max(self.max_size, other.max_size)
        for name in (
            "descriptors",
            "forms",
            "reviewed",
            "bytes",
            "descriptor_bytes",
            "json_files",
            "duplicate_ids",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kinds.update(other.kinds)
        self.faults.update(other.faults)

    def as_dict(self) -> dict[str, Any]:
        return {
            "descriptors": self.descriptors,
            "forms": self.forms,
            "reviewed": self.reviewed,
            "bytes": self.bytes,
            "descriptor_bytes": self.descriptor_bytes,
            "descriptor_size": {
                "min": self.min_size,
                "max": self.max_size,
                "mean": round(self.descriptor_bytes / max(1, self.descriptors)),
            },
            "kinds": dict(sorted(self.kinds.items())),
            "faults": dict(sorted(self.faults.items())),
            "json_files": self.json_files,
            "duplicate_ids": self.duplicate_ids,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stats:
        stats = cls(
            **{
                k: data[k]
                for k in (
                    "descriptors",
                    "forms",
                    "reviewed",
                    "bytes",
                    "descriptor_bytes",
                    "json_files",
                    "duplicate_ids",
                )
            }
        )
        stats.min_size = data["descriptor_size"]["min"]
        stats.max_size = data["descriptor_size"]["max"]
        stats.kinds = Counter(data["kinds"])
        stats.faults = Counter(data["faults"])
        return stats


def write_chunk(out: Path, seed: int, start: int, stop: int) -> Stats:
    """Write descriptors ``start`` to ``stop - 1`` (and their forms) under ``out``."""
    stats = Stats()
    made: set[str] = set()
    for entry in entries(seed, start, stop):
        for rel, raw in ((entry.path, entry.data), *entry.forms):
            folder = rel.rsplit("/", 1)[0]
            if folder not in made:
                (out / folder).mkdir(parents=True, exist_ok=True)
                made.add(folder)
            with open(out / rel, "wb") as handle:  # noqa: PTH123 - the fastest way
                handle.write(raw)
            stats.bytes += len(raw)
        size = len(entry.data)
        stats.descriptors += 1
        stats.descriptor_bytes += size
        stats.min_size = min(stats.min_size or size, size)
        stats.max_size = max(stats.max_size, size)
        stats.forms += len(entry.forms)
        stats.reviewed += bool(entry.forms)
        stats.kinds[entry.kind] += 1
        stats.faults.update(entry.faults)
        stats.json_files += entry.path.endswith(".json")
        stats.duplicate_ids += entry.duplicate_id
    return stats


def _chunk_job(args: tuple[str, int, int, int]) -> tuple[int, dict[str, Any]]:
    out, seed, start, stop = args
    root = Path(out)
    stats = write_chunk(root, seed, start, stop)
    marker = root / STATE / f"{start}.json"
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps(stats.as_dict()), encoding="utf-8")
    tmp.replace(marker)
    return stop - start, stats.as_dict()


def read_manifest(out: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _params(count: int, seed: int) -> dict[str, Any]:
    return {"count": count, "seed": seed, "generator_version": GENERATOR_VERSION}


def generate(
    out: Path | str,
    count: int,
    seed: int = 1,
    *,
    jobs: int | None = None,
    force: bool = False,
    progress: bool = False,
) -> dict[str, Any]:
    """Write a catalog of ``count`` descriptors under ``out``; return its manifest.

    A folder whose manifest names the same count, seed and generator version
    is reused as it is. One left half-written by the same parameters resumes.
    Any other non-empty folder is refused unless ``force`` (which deletes the
    ``catalog``, ``reviews`` and state this generator writes there).
    """
    out = Path(out)
    params = _params(count, seed)
    manifest = read_manifest(out)
    if manifest is not None and all(manifest.get(k) == v for k, v in params.items()):
        manifest["reused"] = True
        return manifest
    state = out / STATE
    resumable = False
    with contextlib.suppress(OSError, ValueError):
        resumable = json.loads((state / "params.json").read_text(encoding="utf-8")) == params
    if not resumable and out.exists() and any(out.iterdir()):
        ours = manifest is not None or state.exists()
        if not (force or ours):
            raise FileExistsError(
                f"{out} is not empty and holds no generated catalog; use another folder or --force"
            )
        for name in ("catalog", "reviews", STATE, MANIFEST, ".mcqa.yaml"):
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    state.mkdir(parents=True, exist_ok=True)
    (state / "params.json").write_text(json.dumps(params), encoding="utf-8")
    (out / ".mcqa.yaml").write_text(CONFIG, encoding="utf-8")

    started = time.perf_counter()
    total = Stats()
    todo = []
    for start in range(0, count, CHUNK):
        marker = state / f"{start}.json"
        if marker.exists():
            total.add(Stats.from_dict(json.loads(marker.read_text(encoding="utf-8"))))
        else:
            todo.append((str(out), seed, start, min(count, start + CHUNK)))
    jobs = jobs or os.cpu_count() or 1
    done = total.descriptors
    if todo:
        if jobs == 1 or len(todo) == 1:
            results = map(_chunk_job, todo)
            pool = None
        else:
            pool = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn").Pool(
                min(jobs, len(todo))
            )
            results = pool.imap_unordered(_chunk_job, todo)
        try:
            for n, stats in results:
                total.add(Stats.from_dict(stats))
                done += n
                if progress:
                    rate = (done - (count - sum(t[3] - t[2] for t in todo))) / max(
                        1e-9, time.perf_counter() - started
                    )
                    print(
                        f"\r  {done:,} / {count:,} descriptors ({rate:,.0f}/s)",
                        end="",
                        file=sys.stderr,
                        flush=True,
                    )
        finally:
            if pool is not None:
                pool.close()
                pool.join()
        if progress:
            print(file=sys.stderr)
    manifest = {
        **params,
        "rubric": RUBRIC,
        "today": TODAY,
        "layout": {"catalog": "catalog", "reviews": "reviews", "config": ".mcqa.yaml"},
        **total.as_dict(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    tmp.replace(out / MANIFEST)
    shutil.rmtree(state, ignore_errors=True)
    manifest["reused"] = False
    return manifest


def disk_usage(path: Path) -> int:
    """Bytes the folder takes on disk (allocated blocks, as ``du`` counts them)."""
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_blocks * 512  # noqa: PTH118 - a million files: no Path objects
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (created)")
    parser.add_argument("--count", type=int, default=1000, help="descriptors (default 1000)")
    parser.add_argument(
        "--national",
        action="store_true",
        help=f"the national-scale catalog: {NATIONAL_COUNT:,} descriptors",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: all cores)")
    parser.add_argument(
        "--force", action="store_true", help="replace whatever catalog the folder holds"
    )
    parser.add_argument("--du", action="store_true", help="also report the disk space used")
    args = parser.parse_args(argv)
    count = NATIONAL_COUNT if args.national else args.count
    if count < 1:
        parser.error("--count must be at least 1")
    try:
        manifest = generate(
            args.out,
            count,
            args.seed,
            jobs=args.jobs,
            force=args.force,
            progress=sys.stderr.isatty(),
        )
    except FileExistsError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 2
    verb = "reused" if manifest["reused"] else f"wrote in {manifest['seconds']} s"
    print(
        f"{args.out}: {manifest['descriptors']:,} descriptors, {manifest['forms']:,} review "
        f"forms, {manifest['bytes'] / 1e6:,.1f} MB ({verb})"
    )
    print(f"  kinds: {manifest['kinds']}")
    if args.du:
        print(f"  on disk: {disk_usage(args.out) / 1e6:,.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
