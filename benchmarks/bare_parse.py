#!/usr/bin/env python3
"""The floor: read every file and parse it with libyaml, in one process, doing nothing else.

::

    python benchmarks/bare_parse.py FOLDER [FOLDER ...]

Walks the folders (sorted), reads each ``.yaml``, ``.yml`` and ``.json`` file
and calls ``yaml.load(data, Loader=yaml.CSafeLoader)`` on it (JSON is YAML
1.2, so the same loader parses it). A file that does not parse counts as read.
Prints one line of JSON: files, failures, bytes and seconds (excluding the
interpreter's start-up, which the runner measures from outside).

No tool that reads these files, checks them and keeps positions for its
messages can be faster than this; the runner states every other figure as a
multiple of it.
"""

from __future__ import annotations

import json
import os
import sys
import time

import yaml

SUFFIXES = (".yaml", ".yml", ".json")


def files(folders: list[str]) -> list[str]:
    found = []
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(
                os.path.join(root, n)  # noqa: PTH118
                for n in sorted(names)
                if n.endswith(SUFFIXES) and not n.startswith(".")
            )
    return found


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        print("bare_parse.py: PyYAML has no libyaml (CSafeLoader) here", file=sys.stderr)
        return 2
    start = time.perf_counter()
    paths = files(argv)
    failures = 0
    size = 0
    for path in paths:
        with open(path, "rb") as handle:  # noqa: PTH123
            data = handle.read()
        size += len(data)
        try:
            yaml.load(data, Loader=loader)
        except yaml.YAMLError:
            failures += 1
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {"files": len(paths), "failures": failures, "bytes": size, "seconds": round(seconds, 4)}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
