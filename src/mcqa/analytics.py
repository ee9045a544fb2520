"""Catalog analytics: a catalog's conformance at a glance, and how its credentials stack.

A provost wants the conformance rate, a programme director the standards most
often not met, a curriculum committee the categories that lag, and a
registrar the pathways: which credentials stack into which, which
``stacks_into`` references name no credential of the catalog, where stacking
goes round in a circle, and which credentials lead nowhere and are led to by
nothing. ``mcqa catalog report DIR`` prints them.

The figures are built one result at a time (:class:`AnalyticsBuilder`), so a
catalog of any size takes the same memory: counters per decision, score band,
standard and category. The stacking graph comes from the catalog's index
(:mod:`mcqa.catalog_index`: a few hundred bytes per descriptor).

Definitions:

* **conformance rate**: conformant descriptors over those scored (an
  unreadable descriptor is not scored), as a percentage;
* **score distribution**: descriptors by score percentage, in bands of ten
  (``[0, 10)``, …, ``[90, 100]``);
* **most often not met**: standards by the number of descriptors on which they
  are not met (ties: essential ones first, then the rubric's order);
* **category average**: points earned over points possible on the category's
  standards that applied, over all scored descriptors;
* **outside the catalog**: a ``stacks_into`` id no descriptor of the catalog
  has (a degree the catalog does not describe, or a mistyped id);
* **cycle**: ids that stack into one another in a circle (A into B into A);
* **no pathway**: a descriptor that stacks into nothing and that nothing stacks
  into.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Annotated

from pydantic import Field

from mcqa.catalog_index import CatalogIndex
from mcqa.models._base import FrozenContract
from mcqa.models.report import DescriptorResult, RubricRef
from mcqa.models.rubric import Rubric

__all__ = [
    "AnalyticsBuilder",
    "CatalogAnalytics",
    "CategoryAverage",
    "ScoreBand",
    "Stacking",
    "StandardCount",
    "render_analytics_markdown",
    "render_analytics_text",
    "stacking_of",
]

#: Standards listed as most often not met.
TOP_STANDARDS = 10
#: Paths listed per stacking problem (the count says the rest).
LISTED = 50


class ScoreBand(FrozenContract):
    low: int
    """Lowest score percentage of the band (inclusive)."""
    high: int
    """Highest (exclusive, but 100 is in the last band)."""
    count: Annotated[int, Field(ge=0)]


class StandardCount(FrozenContract):
    id: str
    title: str
    essential: bool = False
    not_met: Annotated[int, Field(ge=0)]
    """Descriptors on which the standard is not met."""


class CategoryAverage(FrozenContract):
    id: str
    title: str
    percent: float | None
    """Points earned over points possible, in percent; ``None`` when nothing applied."""


class OutsideReference(FrozenContract):
    path: str
    target: str
    """The ``stacks_into`` id no descriptor of the catalog has."""


class SharedId(FrozenContract):
    id: str
    paths: tuple[str, ...]


class Stacking(FrozenContract):
    """The stackability graph of a catalog."""

    references: Annotated[int, Field(ge=0)]
    """``stacks_into`` references, in all."""
    within: Annotated[int, Field(ge=0)]
    """References to a credential of the catalog."""
    outside: tuple[OutsideReference, ...] = ()
    outside_total: Annotated[int, Field(ge=0)] = 0
    cycles: tuple[tuple[str, ...], ...] = ()
    """Each circle of ids, starting from its smallest id."""
    no_pathway: tuple[str, ...] = ()
    no_pathway_total: Annotated[int, Field(ge=0)] = 0
    shared_ids: tuple[SharedId, ...] = ()
    """Ids that more than one descriptor has (review forms would not know which)."""


class CatalogAnalytics(FrozenContract):
    """A catalog's conformance, scores, weak standards and categories, and its stacking."""

    rubric: RubricRef
    total: Annotated[int, Field(ge=0)]
    scored: Annotated[int, Field(ge=0)]
    """Descriptors that could be read and scored."""
    decisions: dict[str, int]
    conformance_rate: float | None
    """Conformant over scored, in percent (``None`` when none was scored)."""
    score_distribution: tuple[ScoreBand, ...]
    most_often_not_met: tuple[StandardCount, ...]
    categories: tuple[CategoryAverage, ...]
    stacking: Stacking | None = None


class AnalyticsBuilder:
    """Counts what :class:`CatalogAnalytics` reports, one result at a time."""

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        self.order = {s.id: i for i, (_, s) in enumerate(rubric.iter_standards())}
        self.category_of = {s.id: c.id for c, s in rubric.iter_standards()}
        self.decisions = {"conformant": 0, "not_conformant": 0, "pending_review": 0, "error": 0}
        self.bands = [0] * 10
        self.not_met: dict[str, int] = {}
        self.titles: dict[str, tuple[str, bool]] = {}
        self.points: dict[str, list[float]] = {c.id: [0.0, 0.0] for c in rubric.categories}

    def add(self, result: DescriptorResult) -> None:
        """Count one descriptor's result."""
        self.decisions[result.decision] += 1
        if result.score is not None:
            self.bands[min(int(result.score.percent // 10), 9)] += 1
        for standard in result.standards:
            if standard.status == "not_met":
                self.not_met[standard.id] = self.not_met.get(standard.id, 0) + 1
                self.titles.setdefault(standard.id, (standard.title, standard.essential))
            if standard.status in ("met", "not_met") and result.score is not None:
                category = self.category_of.get(standard.id, standard.id.split(".")[0])
                sums = self.points.setdefault(category, [0.0, 0.0])
                sums[0] += standard.points_earned
                sums[1] += standard.points_possible

    def finish(self, index: CatalogIndex | None = None) -> CatalogAnalytics:
        """The analytics of everything added; the stacking graph when ``index`` is given."""
        total = sum(self.decisions.values())
        scored = total - self.decisions["error"]
        ranked = sorted(
            self.not_met.items(),
            key=lambda item: (
                -item[1],
                not self.titles[item[0]][1],
                self.order.get(item[0], len(self.order)),
                item[0],
            ),
        )
        titles = {c.id: c.title for c in self.rubric.categories}
        return CatalogAnalytics(
            rubric=RubricRef(id=self.rubric.id, version=self.rubric.version),
            total=total,
            scored=scored,
            decisions=dict(self.decisions),
            conformance_rate=round(100 * self.decisions["conformant"] / scored, 2)
            if scored
            else None,
            score_distribution=tuple(
                ScoreBand(low=10 * i, high=10 * i + 10, count=n) for i, n in enumerate(self.bands)
            ),
            most_often_not_met=tuple(
                StandardCount(
                    id=sid, title=self.titles[sid][0], essential=self.titles[sid][1], not_met=n
                )
                for sid, n in ranked[:TOP_STANDARDS]
            ),
            categories=tuple(
                CategoryAverage(
                    id=cid,
                    title=titles.get(cid, cid),
                    percent=round(100 * earned / possible, 2) if possible else None,
                )
                for cid, (earned, possible) in self.points.items()
            ),
            stacking=stacking_of(index) if index is not None else None,
        )


def stacking_of(index: CatalogIndex) -> Stacking:
    """The stackability graph of an indexed catalog (see the module's definitions)."""
    references = within = 0
    outside: list[OutsideReference] = []
    stacked_into: set[str] = set()
    edges: dict[str, set[str]] = {}
    for path, targets in sorted(index.stacks.items()):
        source = index.id_of.get(path)
        for target in targets:
            references += 1
            if target in index.ids:
                within += 1
                stacked_into.add(target)
                if source is not None:
                    edges.setdefault(source, set()).add(target)
            else:
                outside.append(OutsideReference(path=path, target=target))
    lonely = sorted(
        path
        for path, descriptor_id in index.id_of.items()
        if path not in index.stacks and descriptor_id not in stacked_into
    )
    shared = index.duplicates()
    return Stacking(
        references=references,
        within=within,
        outside=tuple(outside[:LISTED]),
        outside_total=len(outside),
        cycles=tuple(_cycles(edges)),
        no_pathway=tuple(lonely[:LISTED]),
        no_pathway_total=len(lonely),
        shared_ids=tuple(SharedId(id=i, paths=tuple(p)) for i, p in sorted(shared.items())),
    )


def _cycles(edges: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The circles of the graph: its strongly connected parts of two or more ids, and ids
    that stack into themselves; each as a path round it from its smallest id (Tarjan's
    algorithm, iterative, so a long chain cannot exhaust the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[tuple[str, ...]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                part: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1 or node in edges.get(node, ()):
                    found.append(_round(sorted(part), edges))
    return sorted(found)


def _round(members: Sequence[str], edges: dict[str, set[str]]) -> tuple[str, ...]:
    """The ids of a circle in the order they stack, from the smallest (as far as a walk
    along the edges inside the part goes)."""
    inside = set(members)
    path = [members[0]]
    while True:
        nexts = sorted(t for t in edges.get(path[-1], ()) if t in inside and t not in path)
        if not nexts:
            return tuple(path)
        path.append(nexts[0])


# -- rendering ---------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g} %"


def _bar(count: int, most: int, width: int = 30) -> str:
    return "#" * (round(width * count / most) if most else 0)


def render_analytics_text(analytics: CatalogAnalytics) -> str:
    """The analytics for a terminal; every text from files made printable."""
    from mcqa.render.safe import defuse_command, printable

    a = analytics
    rubric = printable(f"{a.rubric.id}@{a.rubric.version}")
    lines = [f"Catalog of {a.total} descriptor{'' if a.total == 1 else 's'}, against {rubric}"]
    d = a.decisions
    lines.append(
        f"  conformance: {_percent(a.conformance_rate)} ({d['conformant']} of {a.scored} scored); "
        f"{d['not_conformant']} not conformant, {d['pending_review']} pending review, "
        f"{d['error']} could not be read"
    )
    lines.append("  scores:")
    most = max((band.count for band in a.score_distribution), default=0)
    for band in a.score_distribution:
        lines.append(
            f"    {band.low:>3} to {band.high:>3} %  {band.count:>6}  {_bar(band.count, most)}"
        )
    if a.most_often_not_met:
        lines.append("  most often not met:")
        for s in a.most_often_not_met:
            essential = ", essential" if s.essential else ""
            lines.append(f"    {printable(s.id):<5} {printable(s.title)} ({s.not_met}{essential})")
    lines.append("  by category:")
    for c in a.categories:
        lines.append(f"    {printable(c.id):<3} {printable(c.title)}: {_percent(c.percent)}")
    if a.stacking is not None:
        lines.extend(_stacking_text(a.stacking, printable))
    return "".join(defuse_command(line) + "\n" for line in lines)


def _stacking_text(s: Stacking, printable: Callable[[str], str]) -> list[str]:
    lines = [
        f"  stacking: {s.references} stacks_into reference{'' if s.references == 1 else 's'}, "
        f"{s.within} to credentials of the catalog"
    ]
    if s.outside_total:
        lines.append(f"    outside the catalog ({s.outside_total}):")
        lines.extend(f"      {printable(o.path)} -> {printable(o.target)}" for o in s.outside)
    if s.cycles:
        lines.append("    cycles:")
        lines.extend("      " + " -> ".join(printable(i) for i in (*c, c[0])) for c in s.cycles)
    if s.no_pathway_total:
        lines.append(f"    no pathway ({s.no_pathway_total}):")
        lines.extend(f"      {printable(p)}" for p in s.no_pathway)
    for shared in s.shared_ids:
        lines.append(
            f"    shared id {printable(shared.id)!r}: "
            + ", ".join(printable(p) for p in shared.paths)
        )
    return lines


def render_analytics_markdown(analytics: CatalogAnalytics) -> str:
    """The analytics as GitHub-flavoured Markdown (text from files escaped)."""
    from mcqa.reporters.markdown import markdown_code, markdown_text

    a = analytics
    d = a.decisions
    lines = [
        f"## Catalog: {a.total} descriptors against "
        f"{markdown_code(f'{a.rubric.id}@{a.rubric.version}')}",
        "",
        f"**Conformance: {_percent(a.conformance_rate)}** ({d['conformant']} of {a.scored} "
        f"scored); {d['not_conformant']} not conformant, {d['pending_review']} pending review, "
        f"{d['error']} could not be read.",
        "",
        "| Score | Descriptors |",
        "|:--|--:|",
        *(f"| {b.low} to {b.high} % | {b.count} |" for b in a.score_distribution),
        "",
    ]
    if a.most_often_not_met:
        lines += [
            "### Most often not met",
            "",
            "| Standard | Title | Not met on |",
            "|:--|:--|--:|",
        ]
        lines += [
            f"| {markdown_text(s.id)}{' (essential)' if s.essential else ''} | "
            f"{markdown_text(s.title)} | {s.not_met} |"
            for s in a.most_often_not_met
        ]
        lines.append("")
    lines += ["### By category", "", "| Category | Points earned |", "|:--|--:|"]
    lines += [
        f"| {markdown_text(c.id)} {markdown_text(c.title)} | {_percent(c.percent)} |"
        for c in a.categories
    ]
    lines.append("")
    s = a.stacking
    if s is not None:
        lines += [
            "### Stacking",
            "",
            f"{s.references} `stacks_into` references, {s.within} to credentials of the catalog.",
            "",
        ]
        if s.outside_total:
            lines += [f"Outside the catalog ({s.outside_total}):", ""]
            lines += [f"- {markdown_code(o.path)} → {markdown_code(o.target)}" for o in s.outside]
            lines.append("")
        if s.cycles:
            lines += ["Cycles:", ""]
            lines += ["- " + " → ".join(markdown_code(i) for i in (*c, c[0])) for c in s.cycles]
            lines.append("")
        if s.no_pathway_total:
            lines += [f"No pathway ({s.no_pathway_total}):", ""]
            lines += [f"- {markdown_code(p)}" for p in s.no_pathway]
            lines.append("")
        for shared in s.shared_ids:
            lines.append(
                f"- shared id {markdown_code(shared.id)}: "
                + ", ".join(markdown_code(p) for p in shared.paths)
            )
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
