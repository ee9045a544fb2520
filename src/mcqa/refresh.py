"""Bring a filled-in review form up to date, keeping everything the reviewer wrote.

``mcqa review init --update`` calls :func:`update_form` after the descriptor or
the rubric has changed. The result is the form mcqa would write today (current
standard text, guidance, evidence and descriptor fingerprint) with every answer
and every comment of the reviewer carried into it:

* an answer on a standard that still needs a person moves to the standard's
  current id, its lines unchanged (end-of-line and own-line comments, block
  scalars and all); when the standard's wording, check or scale changed since,
  it gets ``given_under: <old version>`` and a note asking the reviewer to
  confirm it, and does not count until they do;
* an answer on a standard the rubric no longer has (or that a check now
  decides) moves to a ``retired:`` section, kept for the record;
* a comment the reviewer wrote between standards stays before the standard it
  preceded; comments in the header stay in the header.

A comment line is mcqa's own when it is a line mcqa would write for the form's
old rubric version or the new one (or has the shape of an evidence or
suggestion line); everything else is the reviewer's and is kept. The function
never loses an answer: it re-reads its own result and refuses (raising
:class:`FormUpdateError`) unless every answer survived unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from mcqa.diff import diff_rubrics
from mcqa.load import Document, load_text
from mcqa.models.finding import Finding
from mcqa.models.review import Review
from mcqa.models.rubric import Rubric
from mcqa.review import FormParts, comment_text, form_parts, plain_or_quoted, quote_scalar
from mcqa.validate import validate_model

__all__ = ["FormUpdate", "FormUpdateError", "update_form"]

#: Shapes of comment lines mcqa writes whose content depends on the descriptor.
_MCQA_SHAPES = re.compile(
    r"^#(?: yaml-language-server: | Review of .* under .*\(.+@.+\)\.$| ====="
    r"|     /\S*: |   Automated check|   Earlier rounds:|     Round \d+: "
    r"|     .*, round \d+, recommended: | Amendment round \d+: "
    r"| before\. Each shows what the earlier rounds| revised descriptor against them\.$"
    r"| \S+ .* \(\d+ points?(?:, essential)?; (?:manual|hybrid|automated)\)$)"
)
#: The note ``--update`` writes above a ``given_under`` line (see ``update_form``).
_CHANGED_NOTE = re.compile(
    r"^# (?:CHANGED in \S+: this standard changed since you answered it under"
    r"|\S+\. Re-read it above, keep or change your answer, then delete the"
    r"|given_under line; until then this answer does not count\.)$"
)
_RETIRED_HEADER = (
    "# Answers on standards the rubric no longer asks people to judge,",
    "# kept for the record. They do not count.",
)
_KEY_LINE = re.compile(r"""^(\s*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#][^:#]*?)\s*:(.*)$""")


class FormUpdateError(Exception):
    """The form cannot be updated without losing something; nothing was written."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = findings


@dataclass(frozen=True)
class FormUpdate:
    """The updated form and what happened to each answer."""

    text: str
    kept: tuple[str, ...] = ()
    """Standards (current ids) whose answers carry over as they were."""
    flagged: tuple[str, ...] = ()
    """Standards that changed since they were answered: the answer needs a new look."""
    retired: tuple[str, ...] = ()
    """Old ids of answers moved to ``retired:``."""
    added: tuple[str, ...] = ()
    """Standards new in the rubric, left blank."""
    notes: tuple[str, ...] = field(default=())


@dataclass
class _Block:
    """One answer entry of the old form, as lines."""

    key: str
    indent: int
    rest: str
    """What follows the colon on the key line (an end-of-line comment, or a flow value)."""
    body: list[str]
    preamble: list[str]
    """Reviewer-written comment lines before the entry."""


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _mcqa_lines(parts: list[FormParts]) -> set[str]:
    found: set[str] = set()
    for part in parts:
        lines = list(part.header)
        for entry in part.entries:
            lines += [*entry.preamble, *entry.body]
        found.update(line.strip() for line in lines if _is_comment(line))
    return found | set(_RETIRED_HEADER)


def _reviewer_lines(lines: list[str], mcqa: set[str]) -> list[str]:
    """The comment lines of ``lines`` that mcqa did not write."""
    kept = []
    for line in lines:
        text = line.strip()
        if not text or not text.startswith("#"):
            continue
        if text in mcqa or _MCQA_SHAPES.match(text) or text.startswith("# CHANGED in "):
            continue
        kept.append(line)
    return kept


def _split_trailing(block: list[str], key_indent: int) -> tuple[list[str], list[str]]:
    """Split a block's lines into its body and the comment lines that follow it."""
    cut = len(block)
    while cut > 0:
        line = block[cut - 1]
        if line.strip() == "" or (_is_comment(line) and _indent(line) <= key_indent):
            cut -= 1
            continue
        break
    return block[:cut], block[cut:]


def _unquote(key: str) -> str:
    loaded = yaml.safe_load(key + ": x")
    return str(next(iter(loaded))) if isinstance(loaded, dict) else key


def _blocks(
    lines: list[str], start: int, end: int, mcqa: set[str]
) -> tuple[list[_Block], list[str], list[str]]:
    """The answer entries between line indexes ``start`` and ``end`` of a mapping.

    Returns the entries, the reviewer's comment lines after the last one, and
    the lines that could not be read as entries (non-empty means: do not touch).
    """
    keyed = [
        i
        for i in range(start, end)
        if lines[i].strip() and not _is_comment(lines[i]) and _KEY_LINE.match(lines[i])
    ]
    if not keyed:
        return [], _reviewer_lines(lines[start:end], mcqa), []
    key_indent = min(_indent(lines[i]) for i in keyed)
    heads = [i for i in keyed if _indent(lines[i]) == key_indent]
    stray = [line for line in lines[start : heads[0]] if line.strip() and not _is_comment(line)]
    blocks: list[_Block] = []
    preamble = lines[start : heads[0]]
    epilogue: list[str] = []
    for n, head in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else end
        match = _KEY_LINE.match(lines[head])
        assert match is not None
        body, trailing = _split_trailing(lines[head + 1 : stop], key_indent)
        blocks.append(
            _Block(
                key=_unquote(match.group(2)),
                indent=key_indent,
                rest=match.group(3),
                body=body,
                preamble=_reviewer_lines(preamble, mcqa),
            )
        )
        preamble = trailing
        epilogue = trailing
    return blocks, _reviewer_lines(epilogue, mcqa), stray


def _has_value(rest: str) -> bool:
    text = rest.strip()
    return bool(text) and not text.startswith("#")


def _entry_lines(
    block: _Block, new_key: str, answer: dict[str, Any], note: list[str], given_under: str | None
) -> list[str]:
    """The entry's lines under ``new_key`` at indentation 2, with a ``given_under`` line."""
    key = f"  {quote_scalar(new_key)}:"
    if _has_value(block.rest):
        # A flow value on the key line, e.g. {verdict: met}: rewrite it as a block,
        # one field a line, each value as JSON (which YAML reads), so no text in
        # it can start a line of its own.
        data = dict(answer)
        if given_under and "given_under" not in data:
            data["given_under"] = given_under
        dumped = [
            f"{plain_or_quoted(str(name))}: {_json_value(value)}" for name, value in data.items()
        ]
        comment = _flow_comment(block.rest, answer)
        head = key + (f"  #{comment}" if comment else "")
        return [head, *(f"    {line}" for line in [*_note_lines(note), *dumped])]
    shift = 2 - block.indent
    body = [
        (" " * (_indent(line) + shift) + line.lstrip(" ")) if line.strip() else line
        for line in block.body
        # mcqa's "CHANGED" note goes once the reviewer has confirmed the answer.
        if "given_under" in answer or not _CHANGED_NOTE.match(line.strip())
    ]
    inner = min(
        (_indent(line) for line in body if line.strip() and not _is_comment(line)), default=4
    )
    extra = [" " * inner + line for line in _note_lines(note)]
    if given_under:
        extra.append(" " * inner + f"given_under: {given_under}")
    return [key + block.rest, *extra, *body]


def _json_value(value: Any) -> str:
    """A value of an answer (text, a number, a list of texts, nothing) on one line:
    a simple word as it is, other text as a JSON string."""
    if isinstance(value, str):
        return plain_or_quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(_json_value(item) for item in value) + "]"
    return json.dumps(value)


def _flow_comment(rest: str, answer: Mapping[str, Any]) -> str:
    """The comment after a flow value (``{verdict: met}  # why``), found where the
    text before a ``#`` still reads as the answer (a ``#`` may sit inside quotes)."""
    for at in [m.start() for m in re.finditer(" #", rest)]:
        try:
            if yaml.safe_load(rest[:at]) == dict(answer):
                return rest[at + 2 :]
        except yaml.YAMLError:
            continue
    return ""


def _note_lines(note: list[str]) -> list[str]:
    return [f"# {line}" for line in note]


def _answered(answer: Mapping[str, Any]) -> bool:
    """Whether the reviewer filled in anything (mcqa's blank form has only empty values)."""
    return any(value not in (None, "", [], {}) for value in answer.values())


def _answer_data(review_data: dict[str, Any], section: str, key: str) -> dict[str, Any]:
    value = (review_data.get(section) or {}).get(key)
    return dict(value) if isinstance(value, dict) else {}


def update_form(
    form: Document,
    descriptor: Document,
    rubric: Rubric,
    old_rubric: Rubric | None,
    *,
    descriptor_path: str,
    schema_location: str | None = None,
    suggestions: Mapping[str, list[str]] | None = None,
) -> FormUpdate:
    """The form ``form`` brought up to date with ``descriptor`` and ``rubric``.

    ``old_rubric`` is the rubric version the form was made for (``None`` when it
    cannot be had: answers then carry over by standard id, each marked
    ``given_under`` for the reviewer to confirm). Raises
    :class:`FormUpdateError` when the form cannot be read, is not YAML, or
    has a layout that cannot be updated without losing something.
    """
    if form.format != "yaml" or form.text is None:
        raise FormUpdateError(
            "only YAML forms can be updated with their comments kept; this form is "
            f"{form.format.upper()}: make a new form with mcqa review init, or edit it by hand"
        )
    review, findings = validate_model(form, "review", Review)
    errors = tuple(f for f in findings if f.severity == "error")
    if review is None or errors:
        raise FormUpdateError("the form has problems; fix them first, then update it", errors)
    old_ref = review.rubric
    if old_rubric is not None and old_rubric.ref != old_ref:
        raise FormUpdateError(f"the form is for {old_ref}, not {old_rubric.ref}")

    def render(version: Rubric) -> FormParts:
        return form_parts(
            descriptor,
            version,
            reviewer=review.reviewer.name or "",
            role=review.reviewer.role or "peer",
            descriptor_path=descriptor_path,
            form_round=review.round,
            suggestions=dict(suggestions or {}),
            schema_location=schema_location,
        )

    fresh = render(rubric)
    renders = [fresh]
    if old_rubric is not None and old_rubric.ref != rubric.ref:
        renders.append(render(old_rubric))
    mcqa = _mcqa_lines(renders)
    blank_lines = {line.strip() for part in renders for e in part.entries for line in e.body}

    # Which old answer goes to which standard now.
    notes: list[str] = []
    if old_rubric is not None:
        diff = diff_rubrics(old_rubric, rubric)
        matched = dict(diff.matched)
        changed = diff.changed_standards()
    else:
        current = {s.id for _, s in rubric.iter_standards()}
        matched = {sid: sid for sid in review.standards if sid in current}
        changed = set(matched.values()) if old_ref != rubric.ref else set()
        if changed:
            notes.append(
                f"mcqa does not have {old_ref} to compare with; every answer is kept under "
                "its id and marked given_under for you to confirm"
            )

    data: dict[str, Any] = form.data
    lines = form.text.splitlines()
    top_keys = sorted(
        (position.line - 1, pointer[1:])
        for pointer, position in form.source_map.keys.items()
        if pointer.count("/") == 1
    )
    if not any(name == "standards" for _, name in top_keys):
        raise FormUpdateError("the form has no 'standards:' section to update")

    def section(name: str) -> tuple[int, int] | None:
        for n, (line, key) in enumerate(top_keys):
            if key == name:
                stop = top_keys[n + 1][0] if n + 1 < len(top_keys) else len(lines)
                return line, stop
        return None

    std_start, std_end = section("standards") or (0, 0)
    head = _KEY_LINE.match(lines[std_start])
    if head is None or _has_value(head.group(3)):
        raise FormUpdateError(
            "the standards are written on one line ({...}); write them one per line to update"
        )
    blocks, epilogue, stray = _blocks(lines, std_start + 1, std_end, mcqa)
    if stray:
        raise FormUpdateError("the standards section has a layout mcqa cannot update safely")
    by_old = {block.key: block for block in blocks}

    # Header: mcqa's comments and descriptor block regenerated, the rest verbatim.
    first_key = top_keys[0][0]
    fresh_top = list(
        fresh.header[: next(i for i, line in enumerate(fresh.header) if not _is_comment(line))]
    )
    header = fresh_top + _reviewer_lines(lines[:first_key], mcqa)
    fresh_descriptor = fresh.header[
        fresh.header.index("descriptor:") : fresh.header.index("reviewer:")
    ]
    for n, (line, key) in enumerate(top_keys):
        stop = top_keys[n + 1][0] if n + 1 < len(top_keys) else len(lines)
        chunk = lines[line:stop]
        if key == "standards":
            break
        if key == "rubric":
            header.append(chunk[0].replace(old_ref, rubric.ref, 1))
            header += chunk[1:]
        elif key == "descriptor":
            header += [*fresh_descriptor, *_reviewer_lines(chunk, mcqa)]
        else:
            header += chunk
    # Anything after the standards but 'retired:' (keys mcqa does not know) stays as it is.
    others: list[str] = []
    for line, key in top_keys:
        if line > std_start and key != "retired":
            span = section(key)
            if span is not None:
                others += lines[span[0] : span[1]]
    header.append(lines[std_start])

    # Entries, in the order of the fresh form.
    out = list(header)
    kept: list[str] = []
    flagged: list[str] = []
    added: list[str] = []
    used: set[str] = set()
    new_to_old = {new: old for old, new in matched.items()}
    include_all = review.round == 1
    for entry in fresh.entries:
        old_id = new_to_old.get(entry.standard)
        block = by_old.get(old_id) if old_id is not None else None
        if block is None:
            if not include_all:
                continue
            out += [*entry.preamble, entry.key, *entry.body]
            if old_id is None:
                added.append(entry.standard)
            continue
        used.add(block.key)
        answer = _answer_data(data, "standards", block.key)
        stale = entry.standard in changed and "given_under" not in answer and _answered(answer)
        note = (
            [
                f"CHANGED in {rubric.ref}: this standard changed since you answered it under",
                f"{old_ref}. Re-read it above, keep or change your answer, then delete the",
                "given_under line; until then this answer does not count.",
            ]
            if stale
            else []
        )
        out += [*entry.preamble, *block.preamble]
        out += _entry_lines(block, entry.standard, answer, note, old_ref if stale else None)
        if _answered(answer):
            (flagged if stale or "given_under" in answer else kept).append(entry.standard)

    # Answers with no standard to go to now: kept for the record.
    retired_ids: list[str] = []
    retired_out: list[str] = []
    old_retired = section("retired")
    existing_retired = set((data.get("retired") or {}).keys())
    for block in blocks:
        if block.key in used:
            continue
        answer = _answer_data(data, "standards", block.key)
        has_words = any(
            (line.strip() and line.strip() not in blank_lines and not _is_comment(line))
            or _reviewer_lines([line], mcqa)
            for line in block.body
        )
        if not _answered(answer) and not block.preamble and not has_words:
            continue  # a blank answer on a standard that is gone: nothing to keep
        if block.key in existing_retired:
            raise FormUpdateError(
                f"standard {block.key} is both answered and in 'retired:'; keep one of them"
            )
        retired_ids.append(block.key)
        why = (
            f"KEPT FOR THE RECORD: standard {block.key} is not in {rubric.ref}"
            if block.key not in matched
            else f"KEPT FOR THE RECORD: in {rubric.ref} an automated check decides this standard"
        )
        retired_out += ["", *block.preamble, f"  # {comment_text(why)}."]
        given = old_ref if "given_under" not in answer else None
        retired_out += _entry_lines(block, block.key, answer, [], given)
    if old_retired is not None:
        out += [*epilogue, "", *_RETIRED_HEADER]
        kept_retired, tail = _split_trailing(lines[old_retired[0] : old_retired[1]], 0)
        out += [*kept_retired, *retired_out, *tail]
    else:
        if retired_out:
            out += ["", *_RETIRED_HEADER, "retired:", *retired_out[1:]]
        out += epilogue
    out += others
    text = "\n".join(out).rstrip("\n") + "\n"

    _verify(text, data, matched, blocks, used, retired_ids)
    return FormUpdate(
        text=text,
        kept=tuple(kept),
        flagged=tuple(flagged),
        retired=tuple(retired_ids),
        added=tuple(added),
        notes=tuple(notes),
    )


def _verify(
    text: str,
    before: dict[str, Any],
    matched: dict[str, str],
    blocks: list[_Block],
    used: set[str],
    retired: list[str],
) -> None:
    """Refuse unless every answer of the old form is in the new one, unchanged."""
    document = load_text(text, format="yaml")
    review, findings = validate_model(document, "review", Review)
    errors = tuple(f for f in findings if f.severity == "error")
    if review is None or errors:
        raise FormUpdateError(
            "mcqa could not update this form without breaking it; the form is unchanged. "
            "Please report this.",
            errors,
        )
    after: dict[str, Any] = document.data
    for block in blocks:
        old = _answer_data(before, "standards", block.key)
        if block.key in used:
            new = _answer_data(after, "standards", matched[block.key])
        elif block.key in retired:
            new = _answer_data(after, "retired", block.key)
        else:
            continue
        if "given_under" not in old:
            new.pop("given_under", None)
        if new != old:
            raise FormUpdateError(
                f"mcqa could not carry the answer on {block.key} over unchanged; the form is "
                "unchanged. Please report this."
            )
    for key, value in (before.get("retired") or {}).items():
        if (after.get("retired") or {}).get(key) != value:
            raise FormUpdateError("mcqa could not keep the retired answers; the form is unchanged.")
