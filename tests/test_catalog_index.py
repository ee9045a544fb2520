"""The catalog index: each descriptor's id and what it stacks into, cheaply, for a whole catalog."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

import pytest

import mcqa
from mcqa.catalog import discover
from mcqa.catalog_index import CatalogIndex, build_index, file_key, index_files
from mcqa.config import LoadedConfig, load_config
from mcqa.importers import load_descriptor

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)

PAGE = """\
---
title: "Data literacy for managers"
description: Read and question the numbers in a report.
objectives:
  - Read a chart critically
ects: "5"
provider: Example University
---
"""


def descriptor(ident: str, *stacks_into: str, title: str = "A credential") -> str:
    text = f"id: {ident}\ntitle: {title}\n"
    if stacks_into:
        text += "stackability:\n  stacks_into:\n"
        text += "".join(f"    - id: {target}\n      title: {target}\n" for target in stacks_into)
    return text


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small catalog: stacking, a duplicate id in another folder, broken and foreign files."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "catalog/a.yaml", descriptor("cred-a", "cert-b", "degree-x", "cert-b"))
    write(tmp_path, "catalog/b.yaml", descriptor("cert-b", "degree-x"))
    write(tmp_path, "catalog/c.yaml", descriptor("cred-c"))
    write(tmp_path, "catalog/more/c-again.yaml", descriptor("cred-c", "cred-a"))
    write(tmp_path, "catalog/more/z.json", '{"id": "cred-z", "title": "Z"}')
    write(tmp_path, "catalog/broken.yaml", "id: cred-broken\ntitle: [unclosed\n")
    write(tmp_path, "catalog/no-id.yaml", "title: No id here\ndescription: none\n")
    write(tmp_path, "catalog/odd-id.yaml", "id: [1, 2]\ntitle: Odd\n")
    write(tmp_path, "catalog/package.json", '{"name": "site", "version": "1.0.0"}')
    write(tmp_path, "catalog/README.md", "# About this catalog\n\nNothing to see.\n")
    write(tmp_path, "catalog/page.md", PAGE)
    return tmp_path


def index_of(folder: str = "catalog") -> CatalogIndex:
    return build_index([Path(folder)], LoadedConfig(root=Path.cwd()))


def test_every_descriptor_is_indexed_by_its_id(catalog: Path) -> None:
    index = index_of()
    page_id = load_descriptor("catalog/page.md")[0].data["id"]
    assert index.id_of == {
        "catalog/a.yaml": "cred-a",
        "catalog/b.yaml": "cert-b",
        "catalog/c.yaml": "cred-c",
        "catalog/more/c-again.yaml": "cred-c",
        "catalog/more/z.json": "cred-z",
        "catalog/page.md": page_id,
    }
    # broken, id-less and odd files are descriptors without an id; foreign files are left out
    assert index.files == 9
    assert index.path_of_id("cred-z") == "catalog/more/z.json"
    assert index.path_of_id("cred-broken") is None


def test_stacking_targets_are_kept_in_order_each_once(catalog: Path) -> None:
    assert index_of().stacks == {
        "catalog/a.yaml": ("cert-b", "degree-x"),
        "catalog/b.yaml": ("degree-x",),
        "catalog/more/c-again.yaml": ("cred-a",),
    }


def test_duplicate_ids_are_found_across_the_whole_catalog(catalog: Path) -> None:
    index = index_of()
    assert index.duplicates() == {"cred-c": ["catalog/c.yaml", "catalog/more/c-again.yaml"]}
    assert index.ids["cred-c"] == ["catalog/c.yaml", "catalog/more/c-again.yaml"]
    assert index.others_with_id("cred-c", "catalog/c.yaml") == ["catalog/more/c-again.yaml"]
    assert index.others_with_id("cred-a", "catalog/a.yaml") == []
    assert index.others_with_id(None, "catalog/a.yaml") == []
    assert index.others_with_id("cred-c", "catalog/new.yaml") == [
        "catalog/c.yaml",
        "catalog/more/c-again.yaml",
    ]


@pytest.mark.parametrize(
    "spelling",
    [
        "catalog/more/c-again.yaml",
        "./catalog/more/c-again.yaml",
        "catalog/more/../more/c-again.yaml",
        "ABSOLUTE",
    ],
)
def test_a_descriptor_is_never_its_own_duplicate(catalog: Path, spelling: str) -> None:
    path = str(catalog / "catalog/more/c-again.yaml") if spelling == "ABSOLUTE" else spelling
    index = index_of()
    assert index.others_with_id("cred-c", path) == ["catalog/c.yaml"]
    assert index.others_with_id("cred-c", Path(path), before_only=True) == ["catalog/c.yaml"]
    assert index.others_with_id("cred-c", "catalog/c.yaml", before_only=True) == []


def test_the_duplicates_named_are_those_a_whole_run_names(catalog: Path) -> None:
    """``before_only`` names what ``mcqa check`` of the whole catalog names in its warnings."""
    write(catalog, "catalog/more/d.yaml", descriptor("cred-c"))
    index = index_of()
    report = mcqa.check_folder("catalog", "mcqa-core@2.0.0", today=TODAY)
    warned = {
        result.path: re.findall(r"catalog/[\w/.-]+\.yaml", finding.message)
        for result in report.results
        for finding in result.findings
        if finding.rule == "duplicate-id"
    }
    assert warned == {
        "catalog/more/c-again.yaml": ["catalog/c.yaml"],
        "catalog/more/d.yaml": ["catalog/c.yaml", "catalog/more/c-again.yaml"],
    }
    for path, named in warned.items():
        assert index.others_with_id(index.id_of[path], path, before_only=True) == named


def test_dependents_are_the_descriptors_that_stack_into_a_changed_one(catalog: Path) -> None:
    index = index_of()
    assert index.dependents(["catalog/b.yaml"]) == {"catalog/a.yaml"}
    assert index.dependents([Path("catalog/a.yaml")]) == {"catalog/more/c-again.yaml"}
    assert index.dependents(["catalog/a.yaml", "catalog/b.yaml"]) == {
        "catalog/a.yaml",
        "catalog/more/c-again.yaml",
    }
    assert index.dependents(["catalog/c.yaml", "catalog/broken.yaml", "nowhere.yaml"]) == set()
    assert index.dependents([]) == set()


def test_the_configuration_s_globs_and_reviews_folder_apply(catalog: Path) -> None:
    write(catalog, "reviews/form.yaml", "review_format: 1\ndescriptor: {id: cred-a, path: x}\n")
    write(catalog, "catalog/skip/me.yaml", descriptor("cred-skipped"))
    write(catalog, ".mcqa.yaml", "config_format: 1\nreviews: reviews\nexclude: ['catalog/skip/']\n")
    index = build_index([Path()], load_config(Path(".mcqa.yaml")))
    assert "cred-skipped" not in index.ids
    assert all(not path.startswith("reviews/") for path in index.id_of)
    assert index.path_of_id("cred-a") == "catalog/a.yaml"


def test_the_example_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    index = build_index([Path("examples/catalog")], load_config(Path("examples/.mcqa.yaml")))
    assert index.files == 8 and len(index.id_of) == 7  # broken-entry.yaml cannot be read
    assert index.duplicates() == {}
    assert index.stacks["examples/catalog/project-management-basics.yaml"] == (
        "BSB50820",
        "cpit-bbus-project-management",
    )
    assert "examples/catalog/clinical-leadership-draft.yaml" not in index.stacks  # titles only


def test_index_files_takes_what_discover_found(catalog: Path) -> None:
    searched: set[Path] = set()
    files = discover([Path("catalog")], LoadedConfig(root=catalog), searched=searched)
    assert index_files(files, by_content=searched).id_of == index_of().id_of
    # a file named directly is indexed whatever it holds, as mcqa check checks it
    named = index_files([Path("catalog/package.json")])
    assert named.files == 1 and named.id_of == {}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_named_like_a_descriptor_is_not_read(catalog: Path) -> None:
    os.mkfifo(catalog / "catalog" / "pipe.yaml")
    index = index_of()  # would block forever if the pipe were opened
    assert index.files == 10 and "catalog/pipe.yaml" not in index.id_of


def test_file_key_names_one_file_one_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    real = write(tmp_path, "real/a.yaml", "id: a\n")
    (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "b.yaml").symlink_to(real)
    folders: dict[str, Path] = {}
    expected = tmp_path.resolve() / "real" / "a.yaml"
    for name in ("real/a.yaml", "./real/a.yaml", "linked/a.yaml", str(real), "real/x/../a.yaml"):
        assert file_key(name) == file_key(name, folders) == expected
    # a link keeps its own name, as git sees it; a missing file has a key too
    assert file_key("real/b.yaml") == tmp_path.resolve() / "real" / "b.yaml"
    assert file_key("gone/c.yaml") == tmp_path.resolve() / "gone" / "c.yaml"


def _deep_size(value: object, seen: set[int]) -> int:
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        size += sum(_deep_size(item, seen) for item in value)
    return size


def test_the_index_is_a_few_hundred_bytes_a_descriptor(tmp_path: Path) -> None:
    count = 1500
    for n in range(count):
        folder = f"faculty-{n % 7}/department-{n % 13}"
        targets = (f"certificate-{n % 40:03d}",) if n % 2 else ()
        write(tmp_path, f"{folder}/credential-{n:06d}.yaml", descriptor(f"cred-{n:06d}", *targets))
    index = build_index([tmp_path], LoadedConfig(root=tmp_path))
    assert index.files == count
    seen: set[int] = set()
    size = sum(_deep_size(part, seen) for part in (index.ids, index.stacks, index.id_of))
    # the paths here are about 90 characters long, as in a real catalog
    assert size / count < 600, size / count
