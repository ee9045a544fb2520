#!/usr/bin/env python3
"""How fast is ``mcqa check``, next to simply parsing the same YAML files?

Generates N realistic descriptors, then times, on one worker:

* **parse** — ``yaml.load`` of every file with libyaml's C loader (the floor:
  no tool that reads these files can be faster);
* **load** — mcqa's position-keeping safe loader alone;
* **check** — the whole of ``mcqa check`` in-process: load, validate, type,
  run every check of the rubric, decide (``jobs=1``);

and prints time per descriptor and the ratio check / parse. The goal is a
ratio of at most 1.3. Run it as a script, not as a test::

    .venv/bin/python benchmarks/bench_check.py --count 2000 --rubric mcqa-core@^1

Results go to stdout as a table, and with ``--json FILE`` as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

VERBS = [
    "Analyze",
    "Build",
    "Design",
    "Evaluate",
    "Explain",
    "Apply",
    "Create",
    "Compare",
    "Understand",
]
TOPICS = [
    "data pipelines",
    "patient handover",
    "welding joints",
    "budgets",
    "cloud networks",
    "lesson plans",
]


def make_descriptor(index: int, rng: random.Random) -> dict[str, Any]:
    """One plausible descriptor; some fields are left out or made inconsistent at random."""
    outcomes = [
        {
            "id": f"LO{n}",
            "statement": f"{rng.choice(VERBS)} {rng.choice(TOPICS)} for a workplace case {n}.",
            "bloom_level": rng.choice(["apply", "analyze", "create"]),
        }
        for n in range(1, rng.randint(3, 6))
    ]
    hours = rng.choice([25, 50, 75, 100])
    data: dict[str, Any] = {
        "descriptor_format": 1,
        "id": f"mc-{index:05d}",
        "title": f"Microcredential {index} in {rng.choice(TOPICS)}",
        "type": "microcredential",
        "language": "en",
        "url": f"https://catalog.northbridge.edu/mc/{index}",
        "issuer": {
            "name": "Northbridge University",
            "country": "NL",
            "url": "https://northbridge.edu",
        },
        "description": (
            "This short course teaches practical skills that employers ask for. "
            "You work on real cases with feedback from tutors. "
            "You finish with a project that shows what you can do."
        ),
        "audience": {"description": "Working adults who want to move into a new role."},
        "learning_outcomes": outcomes,
        "workload": {"hours": hours, "ects": rng.choice([hours / 25, hours / 28, 3.0])},
        "level": {"framework": "EQF", "value": rng.choice([4, 5, 6])},
        "delivery": {"mode": rng.choice(["online", "on-site", "blended"])},
        "assessments": [
            {
                "id": "A1",
                "type": "project",
                "description": "A workplace project.",
                "outcomes": [o["id"] for o in outcomes[: rng.randint(1, len(outcomes))]],
                "passing_standard": "60 % on the rubric",
            }
        ],
        "identity_verification": "supervised",
        "quality_assurance": {
            "type": "internal",
            "body": "Northbridge Quality Office",
            "approved_through": "Faculty senate curriculum committee",
            "last_review": "2026-01-15",
            "next_review": "2028-01-15",
        },
    }
    if rng.random() < 0.8:
        data["cost"] = {"amount": rng.choice([0, 250, 900]), "currency": "EUR"}
    if rng.random() < 0.5:
        data["stackability"] = {
            "stacks_into": [{"title": "Graduate certificate", "type": "certificate"}]
        }
    return data


def generate(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        path = folder / f"mc-{index:05d}.yaml"
        path.write_text(
            yaml.safe_dump(make_descriptor(index, rng), sort_keys=False), encoding="utf-8"
        )
        paths.append(path)
    return paths


def best_of(repeat: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="descriptors to generate")
    parser.add_argument("--rubric", default="mcqa-core", help="rubric to check against")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (best is kept)")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)

    import mcqa
    from mcqa.catalog import check_catalog, plan_catalog
    from mcqa.config import LoadedConfig
    from mcqa.load import HAVE_LIBYAML, load_path

    loader: Any = yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader
    rubric = mcqa.load_rubric(args.rubric)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        paths = generate(folder, args.count, args.seed)
        loaded = LoadedConfig(root=folder)
        plan = plan_catalog(paths, rubric, loaded)
        today = dt.date(2026, 11, 28)

        def parse() -> None:
            for path in paths:
                with path.open("rb") as handle:
                    yaml.load(handle, Loader=loader)  # a safe loader (CSafeLoader or SafeLoader)

        def load() -> None:
            for path in paths:
                load_path(path)

        def check() -> None:
            check_catalog(plan, jobs=1, today=today)

        parse_s = best_of(args.repeat, parse)
        load_s = best_of(args.repeat, load)
        check_s = best_of(args.repeat, check)
        decisions = check_catalog(plan, jobs=1, today=today).summary.model_dump()

    per = {
        name: seconds / args.count * 1000
        for name, seconds in (("parse", parse_s), ("load", load_s), ("check", check_s))
    }
    result = {
        "count": args.count,
        "rubric": rubric.ref,
        "libyaml": HAVE_LIBYAML,
        "python": sys.version.split()[0],
        "ms_per_descriptor": {k: round(v, 4) for k, v in per.items()},
        "ratio_check_to_parse": round(check_s / parse_s, 3),
        "ratio_load_to_parse": round(load_s / parse_s, 3),
        "goal_ratio": 1.3,
        "decisions": decisions,
    }
    print(f"{args.count} descriptors, rubric {rubric.ref}, libyaml: {HAVE_LIBYAML}")
    for name in ("parse", "load", "check"):
        print(f"  {name:<6} {per[name]:8.3f} ms per descriptor")
    print(f"  check / parse = {result['ratio_check_to_parse']}  (goal <= 1.3)")
    print(f"  load / parse  = {result['ratio_load_to_parse']}")
    print(f"  decisions: {decisions}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
