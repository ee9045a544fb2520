"""No template leftovers: bracketed placeholders, template phrases, TBD, TODO, lorem ipsum.

The detector is shared: the ``placeholder-text`` check reports every text
that holds a placeholder, and the engine uses :func:`iter_placeholders` to
fail an essential standard whose evidence still holds one.

>>> data = {"title": "Title of the Qualification", "issuer": {"name": "[Issuing University Name]"}}
>>> list(iter_placeholders(data, language="en"))
[('/title', 'Title of the Qualification'), ('/issuer/name', '[Issuing University Name]')]

Every expression below takes time linear in the length of the text: an
unbounded repetition (``*``, ``+``) only ever repeats one character or
character class and holds no other repetition, every other repetition is
bounded (``{0,200}``), and the phrase patterns are tried only on lines of at
most 300 characters, anchored at both ends. Whatever needs judgement (is
this bracketed text a citation or a placeholder?) is decided in Python on
the short candidate a pattern found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from re import Pattern
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._walk import EXTENSIONS, is_english, iter_strings, quote, shared

__all__ = [
    "PlaceholderText",
    "compile_patterns",
    "find_placeholder",
    "iter_placeholder_spans",
    "iter_placeholders",
]

# --- code samples, which are not searched -----------------------------------------

_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^\n]*)", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")
_HTML_CODE = tuple(
    (re.compile(rf"<{tag}(?=[\s>/])", re.IGNORECASE), re.compile(rf"</{tag}\s*>", re.IGNORECASE))
    for tag in ("code", "pre")
)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span's characters (except line breaks) turned into spaces."""
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        code = text[start:end]
        parts.append(_NOT_NEWLINE.sub(" ", code) if "\n" in code else " " * len(code))
        last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _fenced_blocks(text: str) -> Iterator[tuple[int, int]]:
    """Markdown fenced code blocks (```` ``` ```` or ``~~~``) that are closed again."""
    opened: tuple[int, str] | None = None  # (start, fence)
    for match in _FENCE_LINE.finditer(text):
        fence, info = match.group(1), match.group(2)
        if opened is None:
            if not (fence[0] == "`" and "`" in info):
                opened = (match.start(), fence)
        elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]) and not info.strip():
            yield opened[0], match.end()
            opened = None
    # A fence that is never closed is treated as text, so that a stray ``` cannot
    # hide the rest of a description from the check.


def _inline_code(text: str) -> Iterator[tuple[int, int]]:
    """Markdown code spans: a run of backticks up to the next run of the same length.

    A code span that holds nothing but a bracketed placeholder, as when a
    template sets ``[Issuing University Name]`` in code type, is not code: it
    is left to be searched.
    """
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        width = runs[index][1] - runs[index][0]
        following[index] = seen.get(width)
        seen[width] = index
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        inside = text[runs[index][1] : runs[closing][0]]
        if not _is_bracketed_placeholder(inside):
            yield runs[index][0], runs[closing][1]
        index = closing + 1


def _html_code(text: str) -> Iterator[tuple[int, int]]:
    """``<code>…</code>`` and ``<pre>…</pre>`` elements."""
    spans: list[tuple[int, int]] = []
    for opener, closer in _HTML_CODE:
        position = 0
        while (start := opener.search(text, position)) is not None:
            end = closer.search(text, start.end())
            if end is None:
                break  # no later element is closed either
            spans.append((start.start(), end.end()))
            position = end.end()
    spans.sort()
    last = -1
    for start_at, end_at in spans:
        if start_at >= last:
            yield start_at, end_at
            last = end_at


def _mask_code(text: str) -> str:
    """``text`` with Markdown and HTML code samples blanked out, offsets kept."""
    if "```" in text or "~~~" in text:
        text = _blank(text, list(_fenced_blocks(text)))
    if "`" in text:
        text = _blank(text, list(_inline_code(text)))
    if "<" in text:
        text = _blank(text, list(_html_code(text)))
    return text


# --- bracketed placeholders -------------------------------------------------------

_SQUARE = re.compile(r"\[([^\[\]\n]{1,200})\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]{1,200})\]:", re.MULTILINE)
_ANGLE = re.compile(r"<([^<>\n]{1,120})>")
_GUILLEMETS = re.compile(r"«([^\W\d]\w{0,80})»")

_LETTER = re.compile(r"[^\W\d_]")
_RANGE = re.compile(r"[A-Za-z0-9]-[A-Za-z0-9]")
_ROMAN = re.compile(r"[ivxlc]{1,6}")
_URL_START = re.compile(r"(?:[a-z][a-z0-9+.-]{1,20}://|www\.|mailto:)", re.IGNORECASE)
_AUTHOR_YEAR = re.compile(
    r"[^\W\d_][\w'\u2019.-]{0,40}(?: et al\.?| and [^\W\d_][\w'\u2019-]{0,40})?,? "
    r"(?:1[5-9]|20)\d\d[a-z]?"
)
_ACCESSED = re.compile(r"(?:last )?(?:accessed|cited|viewed|retrieved|consulted)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[a-z0-9][a-z0-9_.\-]{0,60}|-?\d+(?:\.\d+)?|true|false|null")
_DOTTED = re.compile(r"[\w-]{1,60}(?:\.[\w-]{1,60}){1,10}")
_ANGLE_KEYWORD = re.compile(
    r"(?:insert|enter|add|your|fill|replace|placeholder|todo|tbd|tba)\b", re.IGNORECASE
)
_ANGLE_FORBIDDEN = frozenset('="/\\:@;{}[]#|&!?%+*`~^$()<>.,0123456789')

#: Bracketed words that annotate prose rather than wait to be filled in.
_ANNOTATIONS = frozenset(
    {
        "sic",
        "online",
        "internet",
        "pdf",
        "emphasis added",
        "emphasis mine",
        "emphasis in original",
        "original emphasis",
        "translation mine",
        "my translation",
        "ibid",
        "video",
        "audio",
        "slides",
        "optional",
        "required",
        "mandatory",
        "compulsory",
        "elective",
        "new",
        "updated",
        "beta",
        "free",
    }
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: HTML boolean attributes: ``<option selected>`` is a tag, not a placeholder.
_HTML_BOOLEAN = _words(
    """allowfullscreen async autofocus autoplay checked compact controls default defer
    disabled formnovalidate hidden inert ismap itemscope loop multiple muted nomodule
    novalidate nowrap open playsinline readonly required reversed selected"""
)

#: HTML element names: ``<TABLE>`` in capitals is old HTML, ``<NAME>`` a placeholder.
_HTML_ELEMENTS = _words(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button
    canvas caption center cite code col colgroup data datalist dd del details dfn dialog
    div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2
    h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main
    map mark menu meta meter nav noscript object ol optgroup option output p param
    picture pre progress q rp rt ruby s samp script section select small source span
    strike strong style sub summary sup svg table tbody td template textarea tfoot th
    thead time title tr track tt u ul var video wbr"""
)


def _is_list(content: str) -> bool:
    """``amr, bacteria, one-health``: a list written inline, not a placeholder."""
    items = [item.strip() for item in content.split(",")]
    return len(items) >= 2 and all(_LIST_ITEM.fullmatch(item) for item in items)


def _is_regex_class(content: str) -> bool:
    """``a-zA-Z0-9_-`` or ``^0-9``: a regular expression's character class."""
    if content.startswith("^") or "\\" in content:
        return True
    return _RANGE.search(content) is not None and not _LETTER.search(_RANGE.sub("", content))


def _is_bracket_placeholder(content: str) -> bool:
    """Whether the text between ``[`` and ``]`` is a placeholder rather than prose or code."""
    text = content.strip()
    letters = sum(1 for char in text if char.isalpha())
    if letters == 0 or (letters == 1 and " " not in text):
        return False  # [1], [2-4], [...], task boxes [x] and [ ], footnotes [a], [t]he
    if text[0] in "\"'{#@!^/.~:=<(|*":
        return False  # ["a", "b"], [{...}], [#anchor], [@cite], [!NOTE], [^1], [/path]
    low = text.lower().strip(" .!?")
    if low in _ANNOTATIONS or _ROMAN.fullmatch(text):
        return False
    if _URL_START.match(text) or _is_regex_class(text) or _is_list(text):
        return False
    if " " not in text and (any(char.isdigit() for char in text) or _DOTTED.fullmatch(text)):
        return False  # keys: [RFC7515], [VC-DATA-MODEL-2.0]; code: [tool.mcqa], [site.data]
    return not (_AUTHOR_YEAR.fullmatch(text) or _ACCESSED.match(text))


def _is_bracketed_placeholder(text: str) -> bool:
    """Whether ``text`` is nothing but one ``[...]`` or ``<...>`` placeholder."""
    text = text.strip()
    if len(text) < 3 or len(text) > 202:
        return False
    if text[0] == "[" and text[-1] == "]" and _SQUARE.fullmatch(text):
        return _is_bracket_placeholder(text[1:-1])
    if text[0] == "<" and text[-1] == ">" and _ANGLE.fullmatch(text):
        return _is_angle_placeholder(text[1:-1])
    return False


def _reference_labels(text: str) -> frozenset[str]:
    """Labels of Markdown reference definitions (``[label]: https://...``) in ``text``."""
    if "]:" not in text:
        return frozenset()
    return frozenset(
        " ".join(match.group(1).split()).casefold()
        for match in _REFERENCE_DEFINITION.finditer(text)
    )


def _indent_only(text: str, position: int) -> bool:
    """Whether at most three spaces stand between the start of the line and ``position``."""
    window = text[max(0, position - 4) : position]
    newline = window.rfind("\n")
    if newline < 0 and position > 3:
        return False
    return not window[newline + 1 :].strip(" ")


def _square(text: str) -> Iterator[tuple[int, int]]:
    """``[Issuing University Name]``, ``[insert date]``: not links, citations or code."""
    if "[" not in text:
        return
    labels = _reference_labels(text)
    for match in _SQUARE.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isalnum() or before in "_)]\\" or after in "([":
            continue  # data[key], [text][ref], [text](url), escaped \[
        if after == ":" and _indent_only(text, start):
            continue  # a reference definition at the start of a line
        content = match.group(1)
        if labels and " ".join(content.split()).casefold() in labels:
            continue  # a shortcut reference link to a definition in the same text
        if _is_bracket_placeholder(content):
            yield start, end


def _is_word(text: str) -> bool:
    """Letters, perhaps joined by an apostrophe or hyphen: ``l'organisme``, ``e-mail``."""
    return (
        text[0].isalpha()
        and text[-1].isalpha()
        and all(char.isalpha() or char in "'\u2019-" for char in text)
    )


def _is_angle_placeholder(content: str) -> bool:
    """Whether the text between ``<`` and ``>`` is a placeholder rather than a tag."""
    text = content.strip()
    if not text:
        return False
    if _ANGLE_KEYWORD.match(text) and '"' not in text and "=" not in text:
        return True  # <insert title>, <your name>, <placeholder>
    if text != content or any(char in _ANGLE_FORBIDDEN for char in text):
        return False  # a < b and c > d; tags, addresses, code
    words = [word for word in re.split(r"[ _]+", text) if word]
    if not words or len(words) > 12 or not all(_is_word(word) for word in words):
        return False
    if len(words) == 1:
        word = words[0]
        return word.isupper() and len(word) >= 3 and word.lower() not in _HTML_ELEMENTS
    if len(words[0]) < 2 or len(words[-1]) < 2:
        return False
    return not all(word.lower() in _HTML_BOOLEAN for word in words[1:])


def _angle(text: str) -> Iterator[tuple[int, int]]:
    """``<Course Title>``, ``<nombre del curso>``, ``<NAME>``: not HTML tags or generics."""
    if "<" not in text:
        return
    for match in _ANGLE.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # List<String>
        if _is_angle_placeholder(match.group(1)):
            yield match.span()


def _guillemets(text: str) -> Iterator[tuple[int, int]]:
    """Mail-merge fields such as ``«Course_Title»`` (with an underscore)."""
    if "«" not in text:
        return
    for match in _GUILLEMETS.finditer(text):
        if "_" in match.group(1):
            yield match.span()


# --- words and phrases anywhere in a text ------------------------------------------

_ANYWHERE: tuple[Pattern[str], ...] = (
    # {{ course_title }}, {{< shortcode >}}, ${course_title}, %COURSE_TITLE%
    re.compile(r"\{\{[^{}\n]{0,200}\}\}"),
    re.compile(r"\$\{[^\W\d][\w.]{0,80}\}"),
    re.compile(r"%[A-Z][A-Z0-9]{0,30}_[A-Z0-9_]{1,30}%"),
    # TBD, TBA, FIXME in any case; XXX in capitals, and the year 20XX
    re.compile(r"\b(?:TBD|TBA|FIXME)\b", re.IGNORECASE),
    re.compile(r"\bX{3,}\b|\b(?:19|20)XX\b"),
    # T.B.D., t.b.c., n.t.b. (Dutch "nader te bepalen"); N.N. for a lecturer not yet named
    re.compile(r"(?<![\w.])(?:t\.\s?b\.\s?[dac]|n\.\s?t\.\s?b)\.(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\w.])N\.\s?N\.(?!\w)(?!\s{0,3}[A-Z])"),
    # XX hours, X ECTS
    re.compile(r"\bX{1,2} ?(?:ECTS|credits?|hours?|weeks?|EUR|euros?)\b"),
    # Lorem ipsum filler text
    re.compile(r"\blorem\s{1,10}ipsum\b", re.IGNORECASE),
    # The placeholders of Microsoft Word content controls, in the languages mcqa knows
    re.compile(
        r"\bclick (?:or tap )?(?:here )?to enter (?:text|a date)\b"
        r"|\bklicken (?:oder tippen )?sie hier,? um (?:text|ein datum) einzugeben\b"
        r"|\bcliquez (?:ou appuyez )?ici pour (?:entrer|taper|saisir) (?:du texte|une date)\b"
        r"|\bhaga clic (?:o pulse )?aqu[ií] para (?:escribir|especificar) (?:texto|una fecha)\b"
        r"|\bklik (?:of tik )?(?:hier )?(?:om|als u) (?:tekst|een datum) (?:in te voeren|wilt invoeren)\b"
        r"|\bclique (?:ou toque )?aqui para (?:introduzir|digitar|inserir) (?:texto|uma data)\b"
        r"|\bfare clic (?:o toccare )?qui per (?:immettere|inserire) (?:il )?(?:testo|una data)\b",
        re.IGNORECASE,
    ),
    # "offered by Name of the institution": a field label in the middle of a sentence
    # (not "the Name of the Institution", a defined term in formal writing)
    re.compile(
        r"(?<=[a-z,;:] )(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )(?<!\bour )(?<!\byour )"
        r"(?:Name|Title) of (?:the |your |this )?(?:[^\W\d_]+ ){0,2}"
        r"(?i:qualification|course|programme|program|micro-?credential|credential|module|"
        r"issuer|awarding body|institution|provider|organi[sz]ation|university|college)\b"
        r"|(?<=[a-z,;:] )Your (?:Name|Organi[sz]ation|Institution|University|Company)\b"
    ),
)

#: English descriptors only: TBC (in Dutch and German "TBC" is tuberculosis) and
#: TODO in any case (in Spanish and Portuguese "todo" is an ordinary word).
_ENGLISH_ONLY = re.compile(r"\b(?:TODO|TBC)\b", re.IGNORECASE)
_TODO_CAPITALS = re.compile(r"\bTODO\b")

#: What each pattern above needs to match text of ASCII characters only: one of the
#: first strings in the text as written, or one of the second in the text in lower
#: case (for ASCII text, matching without case is matching the lower-case form). Text
#: that holds none of them is not searched with the pattern, which can only fail.
_NEEDS: dict[Pattern[str], tuple[tuple[str, ...], tuple[str, ...]]] = dict(
    zip(
        (*_ANYWHERE, _ENGLISH_ONLY, _TODO_CAPITALS),
        (
            (("{{",), ()),
            (("${",), ()),
            (("%",), ()),
            ((), ("tb", "fixme")),
            (("XX",), ()),
            ((), ("t.", "n.")),
            (("N.",), ()),
            (("X",), ()),
            ((), ("lorem",)),
            ((), ("cli", "kli")),
            (("Name of", "Title of", "Your "), ()),
            ((), ("todo", "tbc")),
            (("TODO",), ()),
        ),
        strict=True,
    )
)
_ANY_CASED_NEED = re.compile("|".join(re.escape(n) for cased, _ in _NEEDS.values() for n in cased))
_ANY_LOWER_NEED = re.compile("|".join(re.escape(n) for _, lower in _NEEDS.values() for n in lower))


def _worth_searching(text: str, patterns: Sequence[Pattern[str]]) -> list[Pattern[str]]:
    """Those of ``patterns`` (built-in ones) that may match ``text``, by :data:`_NEEDS`."""
    if not text.isascii():
        return list(patterns)
    lowered = text.lower()
    if _ANY_CASED_NEED.search(text) is None and _ANY_LOWER_NEED.search(lowered) is None:
        return []
    found = []
    for pattern in patterns:
        cased, lower = _NEEDS[pattern]
        for need in cased:
            if need in text:
                found.append(pattern)
                break
        else:
            for need in lower:
                if need in lowered:
                    found.append(pattern)
                    break
    return found


# --- template phrases that fill a whole value (or a whole line of one) ------------

_ENTITY_EN = (
    r"(?:qualification|course|programme|program|micro-?credential|credential|module|badge|"
    r"achievement|certificate|award|degree|training|learning opportunity|issuer|"
    r"issuing (?:body|institution|organi[sz]ation)|awarding (?:body|institution|organi[sz]ation)|"
    r"institution|(?:training |education |course )?provider|organi[sz]ation|university|"
    r"college|school|faculty|department|learner|student|holder|recipient|participant|"
    r"instructor|lecturer|teacher|trainer|event|assessment)"
)
_ENTITY_OF_EN = r"(?:of|for) (?:the |this |your |a |an )?(?:[^\W\d_]+ ){0,2}" + _ENTITY_EN
_NOUN_EN = (
    r"(?:title|name|names|description|date|dates|text|details|url|link|address|logo|image|"
    r"number|amount|price|duration|location|venue|outcomes?|information|info|content|summary)"
)
_MODIFIER_EN = (
    r"(?:short|brief|full|official|detailed|start|end|issue|expiry|expiration|contact|"
    r"e-?mail|web|first|last|real|correct|actual|relevant|learning|exact)"
)

#: A field's label where its value should be: "Title of the Qualification",
#: "Course Title", "Nom de l'organisme". Such a line is a heading when more
#: text follows, so a label counts only as a whole value, or after another
#: label on its line ("Issuer: Name of the awarding body").
_LABELS = (
    # Title of the Qualification, Name of the awarding body, Description of the course;
    # not "The name of the achievement" (a definition) or "Logo of the organisation"
    # (a caption)
    rf"(?:full |official )?(?:title|name|description) {_ENTITY_OF_EN}",
    # Course Title, Issuer name, Your course title
    rf"(?:your )?{_ENTITY_EN} (?:title|name|description|logo|web ?site|address|url)",
    r"your (?:own )?(?:full )?(?:name|title|text|description|organi[sz]ation|institution|"
    r"university|company|school|course|logo|e-?mail|website|address|content|details)",
    # German: Titel der Qualifikation, Name der Einrichtung, Kurstitel
    r"(?:titel|name|bezeichnung|beschreibung) (?:der|des) (?:[^\W\d_]+ ){0,2}"
    r"(?:qualifikation|einrichtung|bildungseinrichtung|institution|hochschule|universität|"
    r"organisation|kurses|lehrgangs|weiterbildung|anbieters|ausstellers|veranstaltung|moduls|"
    r"zertifikats|teilnehmerin|teilnehmers|schulung|mikrozertifikats|microcredentials?)",
    r"(?:kurs|modul|programm|lehrgangs?)(?:titel|name|bezeichnung|beschreibung)",
    # French: Nom de l'organisme, Titre de la formation
    r"(?:titre|nom|intitulé|description) (?:de la |de l['\u2019]|du |des |de )"
    r"(?:[^\W\d_]+ ){0,2}(?:formation|qualification|certification|organisme|établissement|"
    r"etablissement|université|universite|institution|cours|module|programme|apprenante?|"
    r"titulaire|prestataire|émetteur|emetteur|organisation|école|ecole|"
    r"micro-?certification)",
    # Spanish: Nombre de la universidad, Título del curso
    r"(?:título|titulo|nombre|descripción|descripcion|denominación) (?:de la |del |de los |"
    r"de las |de )(?:[^\W\d_]+ ){0,2}(?:universidad|institución|institucion|entidad|"
    r"organización|organizacion|curso|cualificación|cualificacion|titulación|titulacion|"
    r"programa|módulo|modulo|microcredencial|centro|proveedor|emisor|estudiante|alumn[oa]|"
    r"formación|formacion|empresa)",
    # Portuguese: Nome da instituição, Título do curso
    r"(?:título|titulo|nome|descrição|descricao|designação) (?:da |do |dos |das |de )"
    r"(?:[^\W\d_]+ ){0,2}(?:instituição|instituicao|universidade|curso|qualificação|"
    r"qualificacao|organização|organizacao|entidade|programa|módulo|modulo|formação|"
    r"formacao|emissor|estudante|alun[oa]|empresa|microcredencial)",
    # Dutch: Naam van de instelling, Titel van de kwalificatie
    r"(?:titel|naam|omschrijving|beschrijving) van (?:de |het |een )?(?:[^\W\d_]+ ){0,2}"
    r"(?:instelling|onderwijsinstelling|opleiding|kwalificatie|cursus|organisatie|hogeschool|"
    r"universiteit|module|aanbieder|opleider|student|deelnemer|programma|microcredential|"
    r"training|cursist)",
    # Italian: Nome dell'istituzione, Titolo del corso
    r"(?:titolo|nome|descrizione|denominazione) (?:del |della |dell['\u2019]|dello |dei |"
    r"degli |delle |di )(?:[^\W\d_]+ ){0,2}(?:corso|istituzione|istituto|università|"
    r"universita|ente|organizzazione|qualifica|qualificazione|modulo|programma|studente|"
    r"studentessa|partecipante|formazione|microcredenziale|azienda)",
)

#: What a template tells its user to do, and filler: these count on any line.
_INSTRUCTIONS = (
    # Description goes here, Your text here, Sample text, Placeholder
    r"(?:[^\W\d_]+ ){0,3}goes here",
    r"(?:your |the |some )?(?:text|content|description|title|name|details|copy|summary|"
    r"information|info) here",
    r"(?:sample|example|dummy|filler|placeholder|demo) (?:text|content|description|title|"
    r"name|copy)",
    r"placeholder",
    r"choose an item",
    r"\?{2,}",
    # Insert course title, Enter the name of the issuer, Add description (here);
    # not "Insert a peripheral catheter" or "Enter patient details into the record"
    rf"(?:please )?(?:insert|enter|add|type|put|paste|fill in) (?:in )?(?:here )?"
    rf"(?:the |a |an |your |some )?(?:(?:{_ENTITY_EN}|{_MODIFIER_EN})[ -]){{0,2}}"
    rf"(?:{_NOUN_EN}|here)(?: here)?(?: {_ENTITY_OF_EN})?(?: here)?",
    # (not "Describe the methods presented here": "here" is the course there)
    r"(?:please )?(?:insert|enter|add|type|paste|put|fill in|write|describe|list)\b"
    r"[^\n]{0,120}(?<!ed )(?<!\bshown )(?<!\btaught )(?<!\bgiven )(?<!\bseen )\bhere",
    # Europass templates: "Replace with first name(s) surname(s)"
    r"replace (?:with\b|this (?:text|paragraph|sentence|section|placeholder)\b)[^\n]{0,200}",
    # a date format instead of a date: DD/MM/YYYY, jj/mm/aaaa, TT.MM.JJJJ
    r"(?:dd|jj|tt|mm|yyyy|yy|jjjj|aaaa)(?:[./ -](?:dd|jj|tt|mm|yyyy|yy|jjjj|aaaa)){1,2}",
    # German: Text hier eingeben
    r"(?:hier )?(?:den |die |das |ihren |ihre )?(?:text|titel|namen?|beschreibung|datum)"
    r"(?: hier)? eingeben",
    # French: Saisir le titre ici
    r"(?:saisir|saisissez|entrez|entrer|insérez|insérer|inserez|inserer|indiquez|ajoutez|"
    r"tapez)(?: ici)? (?:le |la |l['\u2019]|les |votre |un |une )?"
    r"(?:titre|nom|intitulé|description|texte|date)(?: [^\n]{0,60})?",
    # Spanish: Escriba aquí el título
    r"(?:inserte|introduzca|ingrese|escriba|agregue|añada|insertar|introducir|escribir)"
    r"(?: aquí)? (?:el |la |los |las |su |un |una )?"
    r"(?:título|titulo|nombre|descripción|descripcion|texto|fecha)(?: [^\n]{0,60})?",
    # Portuguese: Insira o título aqui
    r"(?:insira|introduza|digite|escreva|adicione|inserir|introduzir)(?: aqui)? "
    r"(?:o |a |os |as |seu |sua |um |uma )?(?:título|titulo|nome|descrição|descricao|texto|"
    r"data)(?: [^\n]{0,60})?",
    # Dutch: Voer hier de titel in
    r"(?:voer|vul|voeg|typ)(?: hier)? (?:de |het |uw |je |een )?(?:titel|naam|omschrijving|"
    r"beschrijving|tekst|datum)(?: [^\n]{0,60})?",
    # Italian: Inserire qui il titolo
    r"(?:inserire|inserisci|immettere|immetti|scrivere|scrivi|aggiungere|aggiungi|digitare|"
    r"digita)(?: qui)? (?:il |la |lo |l['\u2019]|i |gli |le |un |una |il tuo |la tua )?"
    r"(?:titolo|nome|descrizione|testo|data)(?: [^\n]{0,60})?",
)


def _either(patterns: Sequence[str]) -> Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Each list is compiled once (a large pattern takes milliseconds to compile, at every
# start): "a label or an instruction" is tried as the one, then the other.
_LABEL_PHRASE = _either(_LABELS)
_INSTRUCTION = _either(_INSTRUCTIONS)

#: The phrases above that can fill text without a space: "Placeholder", "???",
#: "DD/MM/YYYY", "insert.here", "Kurstitel". Every other one holds a space
#: (``tests/checks/test_placeholders.py`` checks that this list is complete).
_ONE_WORD_INSTRUCTIONS = (_INSTRUCTIONS[3], _INSTRUCTIONS[5], _INSTRUCTIONS[7], _INSTRUCTIONS[9])
_ONE_WORD_LABELS = (_LABELS[4],)
_ONE_WORD_INSTRUCTION = _either(_ONE_WORD_INSTRUCTIONS)
_ONE_WORD_LABEL = _either(_ONE_WORD_LABELS)

#: A list item's bullet or number, emphasis and an opening quotation mark.
_LINE_START = re.compile(
    r"[ \t]*(?:(?:[-*+\u2022\u2013\u2014]|\d{1,3}[.)]|[a-z][.)])[ \t]+)?"
    r"[*_]{0,3}[\"'\u201c\u201d\u2018\u2019\u00ab\u201e]?[ \t]*"
)
#: ``Issuer: ``, ``**Title:** `` before the value on a line.
_LABEL = re.compile(r"[^:\n]{1,60}:[*_]{0,3}[ \t]+[*_]{0,3}[\"'\u201c\u2018\u00ab\u201e]?")
_LINE_END = " \t.\u2026*_\"'\u201c\u201d\u2018\u2019\u00bb"
_LONGEST_LINE = 300
_LINES = re.compile(r"[^\n]+")


def _phrase_at(line: str, offset: int, *, whole: bool) -> tuple[int, int] | None:
    """The span of a template phrase that fills ``line`` (after any label), if any.

    ``whole``: the line is the whole value, so a field label alone counts too.
    """
    start = _LINE_START.match(line)
    begin = start.end() if start else 0
    end = len(line.rstrip(_LINE_END))
    if begin >= end:
        return None
    if line.find(" ", begin, end) < 0 and line.find("\t", begin, end) < 0:
        # No space: only a one-word phrase can fill it, and no label ends here.
        if _ONE_WORD_INSTRUCTION.fullmatch(line, begin, end) or (
            whole and _ONE_WORD_LABEL.fullmatch(line, begin, end)
        ):
            return offset + begin, offset + end
        return None
    if _INSTRUCTION.fullmatch(line, begin, end) or (
        whole and _LABEL_PHRASE.fullmatch(line, begin, end)
    ):
        return offset + begin, offset + end
    label = _LABEL.match(line, begin, end)
    if label and label.end() < end and _any_phrase(line, label.end(), end):
        return offset + label.end(), offset + end
    return None


def _any_phrase(line: str, begin: int, end: int) -> bool:
    """Whether ``line[begin:end]`` is wholly a label phrase or an instruction."""
    return bool(
        _INSTRUCTION.fullmatch(line, begin, end) or _LABEL_PHRASE.fullmatch(line, begin, end)
    )


def _phrases(text: str, *, before: int | None = None) -> Iterator[tuple[int, int]]:
    """Lines (of at most 300 characters) that are wholly a template phrase.

    With ``before``, lines that start after that offset are not read.
    """
    whole = "\n" not in text.strip()
    for match in _LINES.finditer(text):
        if before is not None and match.start() > before:
            return
        if match.end() - match.start() <= _LONGEST_LINE:
            span = _phrase_at(match.group(0), match.start(), whole=whole)
            if span is not None:
                yield span


# --- putting it together ---------------------------------------------------------


@lru_cache(maxsize=64)
def compile_patterns(patterns: tuple[str, ...]) -> tuple[Pattern[str], ...]:
    """Further placeholder patterns from a rubric, compiled once (matched without case).

    A rubric may come from anyone, so its patterns run on RE2
    (:func:`mcqa._regex.compile_pattern`), in time linear in the text, never on
    ``re``. Raises :class:`ValueError` naming the first pattern that is not a
    valid regular expression or that RE2 cannot run (a backreference, a
    lookaround, ...), and why.

    >>> [p.pattern for p in compile_patterns(("coming soon", "to be (?:confirmed|announced)"))]
    ['coming soon', 'to be (?:confirmed|announced)']
    """
    from typing import cast

    from mcqa._regex import PatternError, compile_pattern

    compiled: list[Pattern[str]] = []
    for pattern in patterns:
        try:
            found = compile_pattern(pattern, ignore_case=True)
        except PatternError as error:
            raise ValueError(str(error)) from None
        # The RE2 pattern offers what the search uses of re.Pattern (finditer, spans).
        compiled.append(cast("Pattern[str]", found))
    return tuple(compiled)


def iter_placeholder_spans(
    text: str, *, language: str | None = None, extra: Sequence[Pattern[str]] = ()
) -> Iterator[tuple[int, int]]:
    """Where ``text`` holds placeholder text: ``(start, end)`` offsets, in order, not overlapping.

    ``language`` is the descriptor's BCP 47 tag (``None`` counts as English);
    ``extra`` are further patterns, such as those of :func:`compile_patterns`.
    Code samples (Markdown code spans and fenced blocks, HTML ``code`` and
    ``pre``) are not searched.

    >>> text = "Run `{{ x }}` at <Start Date>, venue TBD"
    >>> [text[start:end] for start, end in iter_placeholder_spans(text)]
    ['<Start Date>', 'TBD']
    """
    masked = _mask_code(text)
    found: list[tuple[int, int]] = [*_square(masked), *_angle(masked), *_guillemets(masked)]
    words = (_ENGLISH_ONLY if is_english(language) else _TODO_CAPITALS,)
    for pattern in (*_ANYWHERE, *words, *extra):
        found.extend(m.span() for m in pattern.finditer(masked) if m.end() > m.start())
    found.extend(_phrases(masked))
    found.sort(key=lambda span: (span[0], -span[1]))
    last = 0
    for start, end in found:
        if start >= last:
            yield start, end
            last = end


def _first_span(
    text: str, words: Pattern[str], extra: Sequence[Pattern[str]]
) -> tuple[int, int] | None:
    """The first span :func:`iter_placeholder_spans` yields, found without finding the rest.

    That span starts first, and of those that start there, ends last. Each source
    of spans yields them in order, so only its first counts: the first match of
    each built-in pattern (none of which matches empty text), the first non-empty
    match of each of ``extra``, the first line that is a template phrase.
    """
    masked = _mask_code(text)
    best: tuple[int, int] | None = None
    for source in (_square(masked), _angle(masked), _guillemets(masked)):
        span = next(source, None)
        if span is not None and (best is None or _before(span, best)):
            best = span
    for pattern in _worth_searching(masked, (*_ANYWHERE, words)):
        match = pattern.search(masked)
        if match is not None and (best is None or _before(match.span(), best)):
            best = match.span()
    for pattern in extra:
        for match in pattern.finditer(masked):
            if match.end() > match.start():
                if best is None or _before(match.span(), best):
                    best = match.span()
                break
    if "\n" not in masked:  # one line (the usual case), which is the whole value
        span = _phrase_at(masked, 0, whole=True) if 0 < len(masked) <= _LONGEST_LINE else None
    else:
        span = next(_phrases(masked, before=best[0] if best is not None else None), None)
    if span is not None and (best is None or _before(span, best)):
        best = span
    return best


def _before(span: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether ``span`` sorts before ``other``: it starts first, or ends last."""
    return span[0] < other[0] or (span[0] == other[0] and span[1] > other[1])


def find_placeholder(
    text: str, patterns: Sequence[Pattern[str]] = (), *, language: str | None = None
) -> str | None:
    """The first placeholder in ``text``, by the built-in rules and ``patterns``, or ``None``.

    The same as the first span of :func:`iter_placeholder_spans`.

    >>> find_placeholder("Issued by [University Name] in TBD")
    '[University Name]'
    >>> find_placeholder("Coming soon", compile_patterns(("coming soon",)))
    'Coming soon'
    >>> find_placeholder("Learners insert a catheter") is None
    True
    """
    words = _ENGLISH_ONLY if is_english(language) else _TODO_CAPITALS
    span = _first_span(text, words, patterns)
    return text[span[0] : span[1]] if span is not None else None


def iter_placeholders(
    data: Mapping[str, Any], *, language: str | None, extra: Sequence[Pattern[str]] = ()
) -> Iterator[tuple[str, str]]:
    """``(JSON Pointer, placeholder)`` for each string value in ``data`` that holds one.

    Each string counts once, with its first placeholder; keys are not
    searched, nor anything under ``/extensions``. ``language`` is the
    descriptor's BCP 47 tag (``None`` counts as English).
    """
    words = _ENGLISH_ONLY if is_english(language) else _TODO_CAPITALS
    patterns = tuple(extra)

    def search() -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for at in iter_strings(data, skip=(EXTENSIONS,)):
            span = _first_span(at.value, words, patterns)
            if span is not None:
                found.append((at.pointer, at.value[span[0] : span[1]]))
        return found

    try:
        hash(patterns)
    except TypeError:  # patterns that cannot be told apart: search again
        yield from search()
        return
    # The engine (for its vetoes) and this check search the same strings: once.
    yield from shared("placeholders", data, search, words, patterns)


class PlaceholderText:
    """No text is left over from a template.

    Descriptors are often written from a template, and a placeholder that
    was never filled in tells learners that nobody checked the page. Every
    text value in the descriptor (not the field names, and nothing under
    ``extensions``) is searched for:

    - bracketed placeholders: ``[Issuing University Name]``, ``[insert date]``,
      ``<insert title>``, ``<Course Title>``, ``<NAME>``, and in other
      languages ``[Nombre de la universidad]``, ``<nombre del curso>``,
      ``<titre de la formation>``, ``<naam van de instelling>``; mail-merge
      fields such as ``«Course_Title»``;
    - template syntax: ``{{ course_title }}``, ``${course_title}``,
      ``%COURSE_TITLE%``;
    - the words TBD, TBA and FIXME in any case (also as T.B.D.), XXX in
      capitals, the year 20XX and amounts such as "XX hours" or "X ECTS";
      "N.N." for a person not yet named and the Dutch "n.t.b."; TODO and TBC
      in any case in an English descriptor, and in any other language TODO
      in capitals only (in Spanish and Portuguese "todo" is an ordinary word,
      in Dutch and German "TBC" is tuberculosis);
    - "lorem ipsum" filler text, and the prompts of Word forms ("Click or tap
      here to enter text.", "Klicken oder tippen Sie hier, um Text
      einzugeben." and the same in French, Spanish, Dutch, Portuguese and
      Italian);
    - what a template tells its user to do, filling a whole line (after any
      bullet or label such as ``Issuer:``): "Insert course title here",
      "Enter the name of the issuer", "Add description", "Description goes
      here", "Your text here", "Sample text", "Placeholder", "Choose an
      item", "Replace with first name(s) surname(s)" (Europass), a date
      format such as "DD/MM/YYYY", and "Text hier eingeben", "Saisir le
      titre", "Escriba aquí el título", "Voer de titel in" and the like;
    - a field's label standing as the whole value, or after another label
      on its line: "Title of the Qualification", "Name of the awarding body",
      "Course Title", "Your Name", "Titel der Qualifikation", "Nom de
      l'organisme", "Nombre de la universidad", "Naam van de instelling",
      "Nome da instituição", "Titolo del corso". A label followed by more
      lines is a heading and passes;
    - "Name of the institution" or "Your Name" with capitals in the middle
      of a sentence ("offered by Name of the institution").

    These are not placeholders: Markdown links and references
    (``[text](url)``, ``[text][ref]``, ``[label]: url``), citations and
    keys (``[1]``, ``[2-4]``, ``[RFC7515]``, ``[Smith 2020]``, ``[sic]``),
    task boxes (``[x]``), lists written inline (``["a", "b"]``,
    ``[amr, bacteria]``), regular expressions (``[a-z]``), code such as
    ``data[key]`` or ``[tool.mcqa]``, HTML tags (``<p>``,
    ``<option selected>``), generics (``List<String>``), "insert" or "enter"
    in a sentence ("learners insert a catheter", "Enter the world of data"),
    "N/A", and sample data such as "Example University". Code samples are
    not searched: Markdown code spans and fenced code blocks, HTML
    ``<code>`` and ``<pre>`` (a code span that holds nothing but a
    bracketed placeholder is searched, and a fence that is never closed
    hides nothing).

    The detector was measured on the 85 JSON and 27 Markdown files of public
    credentials, Open Badges and Credential Registry examples, schemas,
    catalog pages and generated micro-credential specifications in the
    project's corpus of real documents (8,010 JSON strings): the 57 flags it
    raises there are all real placeholders (template labels and slots,
    "Lorem ipsum", a TODO note, Jekyll template variables), and
    ``tests/checks/test_placeholders_corpus.py`` pins them. Every built-in
    expression is linear in the length of the text; ``patterns`` from a
    rubric are compiled once and run as written.

    Each text with a placeholder is one **error**, quoting the first
    placeholder found.

    Options:

    - ``patterns``: further regular expressions to look for (matched
      without regard to case). Default: none.

    **PASS**

    ```yaml
    issuer:
      name: University of Twente
    description: >-
      Learn to clean and chart data in four weeks [1]. Templates such as
      `{{ name }}` are covered in week 3.
    ```

    **FAIL**

    ```yaml
    title: Title of the Qualification       # error
    issuer:
      name: "[Issuing University Name]"     # error
    description: Start date TBD.            # error
    ```
    """

    ID: ClassVar[str] = "placeholder-text"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "patterns": {
                "description": "Further regular expressions that mark placeholder text.",
                "type": "array",
                "items": {"type": "string", "format": "regex", "minLength": 1},
                "default": [],
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield one problem for each text that still holds a placeholder."""
        try:
            extra = compile_patterns(tuple(str(p) for p in context.options.get("patterns", [])))
        except ValueError as error:
            raise ValueError(f"the option 'patterns' of {self.ID}: {error}") from error
        for pointer, match in iter_placeholders(
            context.data, language=context.descriptor.language, extra=extra
        ):
            yield Problem(
                pointer,
                f"{quote(match)} looks like placeholder text left from a template; "
                "replace it with the real content or remove it",
            )
