"""Paths written in files stay inside the project, and files reached through them are
never quoted: a hostile form, configuration or rubric cannot read a secret out of CI."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import mcqa
from mcqa._paths import escaping_glob, find_root, inside, looks_like
from mcqa.catalog import discover
from mcqa.cli import cli
from mcqa.config import ConfigError, LoadedConfig, load_config
from mcqa.load import load_path, load_text
from mcqa.review import load_reviews, reviews_for, validate_review
from mcqa.rubrics import RubricRegistry
from mcqa.validate import validate_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_RUBRIC = ROOT / "rubrics" / "mcqa-core" / "2.0.0.yaml"

#: What must never appear in any output: the secret's keys and values.
SECRET_WORDS = ("db_password", "hunter2-7f3a", "api_key", "AKIA-SECRET-99", "deploy_token")
SECRET = (
    "db_password: hunter2-7f3a\n"
    "api_key: AKIA-SECRET-99\n"
    "deploy_token: {value: AKIA-SECRET-99, 'scope': [ci]}\n"
)
DESCRIPTOR = "id: d1\ntitle: Data literacy\n"


def clean(output: str) -> str:
    for word in SECRET_WORDS:
        assert word not in output, (word, output)
    return output


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository in ``tmp_path/project``; a secret beside it, outside."""
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "catalog").mkdir()
    (root / "reviews").mkdir()
    (root / "catalog" / "d1.yaml").write_text(DESCRIPTOR, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def form_text(path: str, *, fields: str = "") -> str:
    digest = hashlib.sha256(b"not the secret").hexdigest()
    return (
        "review_format: 1\n"
        "rubric: mcqa-core@2.0.0\n"
        "descriptor:\n"
        f"  path: {path}\n"
        f"  sha256: {digest}\n"
        f"{fields}"
        "reviewer:\n  name: Mallory\n  role: peer\n"
        "standards: {}\n"
    )


def validate_cli(form: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["review", "validate", str(form)])
    return result.exit_code, clean(result.output)


# -- the root -------------------------------------------------------------------------


def test_the_root_is_the_configuration_folder_else_the_repository_top(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a" / "b").mkdir(parents=True)
    assert find_root(repo / "a" / "b") == repo.resolve()
    (repo / "a" / ".mcqa.yaml").write_text("config_format: 1\n", encoding="utf-8")
    assert find_root(repo / "a" / "b") == (repo / "a").resolve()
    assert load_config(start=repo / "a" / "b").root == (repo / "a").resolve()


def test_without_a_repository_the_root_is_the_current_folder_or_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here" / "forms").mkdir(parents=True)
    (tmp_path / "away").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert find_root(tmp_path / "here" / "forms") == (tmp_path / "here").resolve()
    assert find_root(tmp_path / "away") == (tmp_path / "away").resolve()


def test_inside_follows_symbolic_links(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside.yaml").write_text("x: 1\n", encoding="utf-8")
    (root / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    (root / "loop").symlink_to(root / "loop")
    assert inside(root, root / "a" / ".." / "b.yaml") == (root / "b.yaml").resolve()
    assert inside(root, root / ".." / "outside.yaml") is None
    assert inside(root, Path("/etc/passwd")) is None
    assert inside(root, root / "link.yaml") is None
    assert inside(root, root / "loop") is None


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        ("catalog/**/*.yaml", False),
        ("*-old.yaml", False),
        ("!catalog/keep.yaml", False),
        ("a..b/*.yaml", False),
        ("../**/*.yaml", True),
        ("catalog/../../x", True),
        ("!../x", True),
        ("/etc/**", True),
        ("C:/x/*.yaml", True),
        ("..\\x", True),
    ],
)
def test_globs_that_could_leave_the_root_are_refused(pattern: str, refused: bool) -> None:
    assert (escaping_glob(pattern) is not None) is refused


# -- a form's descriptor.path ------------------------------------------------------------


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_a_form_cannot_read_a_file_outside_the_root(project: Path, how: str) -> None:
    secret = (project.parent / "secret.yaml").resolve()
    if how == "relative":
        written = "../" * 12 + str(secret).lstrip("/")
    elif how == "absolute":
        written = str(secret)
    else:
        (project / "catalog" / "linked.yaml").symlink_to(secret)
        written = "../catalog/linked.yaml"
    fields = "  fields:\n    db_password: '000000000000'\n    api_key: '000000000000'\n"
    form = project / "reviews" / "form.yaml"
    form.write_text(form_text(written, fields=fields), encoding="utf-8")
    code, out = validate_cli(form)
    assert code == 1
    assert f"{form}:4:9: error: the descriptor path {written!r} leads" in out
    assert "outside the project folder" in out and "[outside-root]" in out
    if how == "symlink":
        assert "through a symbolic link" in out


def test_the_etc_passwd_path_of_the_audit_is_refused(project: Path) -> None:
    form = project / "reviews" / "form.yaml"
    form.write_text(form_text("../../../../etc/passwd"), encoding="utf-8")
    registry = RubricRegistry(entry_points=False)
    _, findings = validate_review(load_path(form), registry, form_path=form)
    (refused,) = [f for f in findings if f.rule == "outside-root"]
    assert (refused.severity, refused.line, refused.column) == ("error", 4, 9)
    assert "root:" not in refused.message  # the first line of /etc/passwd


def test_a_form_whose_descriptor_is_not_a_descriptor_does_not_quote_it(project: Path) -> None:
    (project / "config").mkdir()
    (project / "config" / "credentials.yaml").write_text(SECRET, encoding="utf-8")
    fields = "  fields:\n    db_password: '000000000000'\n    title: '000000000000'\n"
    form = project / "reviews" / "form.yaml"
    form.write_text(form_text("../config/credentials.yaml", fields=fields), encoding="utf-8")
    code, out = validate_cli(form)
    assert code == 0  # a warning: the form itself is well formed
    assert "'../config/credentials.yaml' is not a microcredential descriptor" in out
    assert "changed" not in out


def test_a_descriptor_with_unknown_fields_names_only_a_descriptors_fields(project: Path) -> None:
    descriptor = project / "catalog" / "d1.yaml"
    form = project / "reviews" / "form.yaml"
    fields = "  fields:\n    title: '000000000000'\n"
    form.write_text(form_text("../catalog/d1.yaml", fields=fields), encoding="utf-8")
    descriptor.write_text(DESCRIPTOR + SECRET, encoding="utf-8")
    code, out = validate_cli(form)
    assert code == 0
    assert "(changed: id, title, fields a descriptor does not have)" in out


# -- forms found in a folder --------------------------------------------------------------


def test_a_forms_folder_reads_nothing_outside_and_quotes_no_stranger(project: Path) -> None:
    reviews = project / "reviews"
    (reviews / "linked.yaml").symlink_to(project.parent / "secret.yaml")
    (reviews / "credentials.yaml").write_text(SECRET, encoding="utf-8")
    (reviews / "broken.yaml").write_text("db_password: [hunter2-7f3a\n", encoding="utf-8")
    (reviews / "away.yaml").write_text(form_text("../../secret.yaml"), encoding="utf-8")
    (reviews / "by-id.yaml").write_text(
        form_text("/etc/passwd").replace("descriptor:\n", "descriptor:\n  id: d1\n"),
        encoding="utf-8",
    )
    rubric = mcqa.load_rubric("mcqa-core@2.0.0")
    found = load_reviews(reviews, rubric, RubricRegistry(entry_points=False))
    clean(" ".join(f"{f.file}:{f.line}: {f.message}" for f in found.findings))
    rules = sorted((Path(f.file or "").name, f.rule, f.severity) for f in found.findings)
    assert rules == [
        ("away.yaml", "outside-root", "warning"),
        ("broken.yaml", "yaml-syntax", "error"),
        ("by-id.yaml", "outside-root", "warning"),
        ("credentials.yaml", "review-not-a-form", "error"),
        ("linked.yaml", "outside-root", "error"),
    ]
    # a path leading outside finds nothing; the id still does
    descriptor = project / "catalog" / "d1.yaml"
    matched = reviews_for(found, descriptor, "d1")
    assert [r.descriptor.id for r in matched] == ["d1"]
    assert reviews_for(found, project.parent / "secret.yaml", None) == []


def test_check_with_a_hostile_forms_folder_prints_no_secret(project: Path) -> None:
    (project / "reviews" / "linked.yaml").symlink_to(project.parent / "secret.yaml")
    (project / "reviews" / "credentials.yaml").write_text(SECRET, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "catalog", "--reviews", "reviews"])
    assert result.exit_code == 1  # d1 does not conform; the files set aside do not stop the run
    clean(result.output)
    assert "not a review form" in result.output
    assert "linked.yaml: warning: this review form could not be used" in result.stderr


# -- configuration -------------------------------------------------------------------------


def check(project: Path, config: str) -> tuple[int, str]:
    (project / ".mcqa.yaml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "catalog"])
    return result.exit_code, clean(result.output)


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_a_configured_rubric_outside_the_root_is_refused(project: Path, how: str) -> None:
    secret = (project.parent / "secret.yaml").resolve()
    if how == "relative":
        written = "../secret.yaml"
    elif how == "absolute":
        written = str(secret)
    else:
        (project / "rubric.yaml").symlink_to(secret)
        written = "rubric.yaml"
    code, out = check(project, f"config_format: 1\nrubric: {written}\n")
    assert code == 2
    assert f".mcqa.yaml:2:9: error: the rubric {written!r} leads" in out
    assert "[outside-root]" in out


def test_a_configured_rubric_that_is_not_a_rubric_is_not_quoted(project: Path) -> None:
    (project / "secrets.yaml").write_text(SECRET, encoding="utf-8")
    (project / "broken.yaml").write_text("db_password: [hunter2-7f3a\n", encoding="utf-8")
    code, out = check(project, "rubric: secrets.yaml\n")
    assert code == 2
    assert ".mcqa.yaml:1:9: error: 'secrets.yaml' is not a rubric file mcqa can read" in out
    code, out = check(
        project, "rubric: mcqa-core\noverrides:\n  - paths: ['*']\n    rubric: broken.yaml\n"
    )
    assert code == 2
    assert ".mcqa.yaml:4:13: error: 'broken.yaml' is not a rubric file" in out


def test_a_configured_rubric_inside_the_root_is_used(project: Path) -> None:
    (project / "rubrics").mkdir()
    shutil.copy(EXAMPLE_RUBRIC, project / "rubrics" / "ours.yaml")
    code, out = check(project, "rubric: rubrics/ours.yaml\nfail_on: checks\n")
    assert code in (0, 1), out
    assert "d1.yaml" in out


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ("reviews: ../elsewhere\n", "1:10"),
        ("reviews: /tmp\n", "1:10"),
        ('include: ["catalog/**", "../**/*.yaml"]\n', "1:25"),
        ('exclude: ["/abs"]\n', "1:11"),
        ("overrides:\n  - paths: ['*']\n    rubric: ../secret.yaml\n", "3:13"),
    ],
)
def test_configured_paths_and_globs_that_leave_the_root_are_refused(
    project: Path, config: str, where: str
) -> None:
    (project / ".mcqa.yaml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config()
    (finding,) = raised.value.findings
    assert f"{finding.line}:{finding.column}" == where
    assert finding.rule == "outside-root"
    code, out = check(project, config)
    assert code == 2
    assert f".mcqa.yaml:{where}: error:" in out


def test_a_reviews_folder_inside_the_root_is_fine(project: Path) -> None:
    (project / ".mcqa.yaml").write_text("reviews: reviews\n", encoding="utf-8")
    assert load_config().config.reviews == "reviews"


# -- descriptors found in a folder ------------------------------------------------------------


def test_discover_does_not_follow_a_link_out_of_the_root(project: Path) -> None:
    catalog = project / "catalog"
    (catalog / "linked.yaml").symlink_to(project.parent / "secret.yaml")
    (project / "shared.yaml").write_text(DESCRIPTOR.replace("d1", "d2"), encoding="utf-8")
    (catalog / "shared.yaml").symlink_to(project / "shared.yaml")  # inside: fine
    refused: list[Path] = []
    found = discover([Path("catalog")], load_config(), refused=refused)
    assert [p.name for p in found] == ["d1.yaml", "shared.yaml"]
    assert [p.name for p in refused] == ["linked.yaml"]
    result = CliRunner().invoke(cli, ["check", "catalog"])
    clean(result.output)
    # a file named on the command line is the user's choice
    assert discover([catalog / "linked.yaml"], load_config()) == [catalog / "linked.yaml"]


def test_a_folder_named_on_the_command_line_may_lie_outside_the_root(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "d.yaml").write_text(DESCRIPTOR, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    assert discover([elsewhere], LoadedConfig(root=root)) == [elsewhere / "d.yaml"]


# -- rubrics' extends ---------------------------------------------------------------------------


def rubric_text(extends: str) -> str:
    return f"id: child\nversion: 1.0.0\ntitle: Child\nextends: {extends}\n"


def test_extends_through_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    (folder / "base.yaml").symlink_to(tmp_path / "secret.yaml")
    (folder / "child.yaml").write_text(rubric_text("./base.yaml"), encoding="utf-8")
    _, findings = RubricRegistry(entry_points=False).check_file(folder / "child.yaml")
    (refused,) = findings
    assert refused.rule == "rubric-extends" and "may not leave" in refused.message
    clean(" ".join(f.message for f in findings))


def test_extends_to_a_file_that_is_not_a_rubric_does_not_quote_it(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    (tmp_path / "child.yaml").write_text(rubric_text("./secret.yaml"), encoding="utf-8")
    _, findings = RubricRegistry(entry_points=False).check_file(tmp_path / "child.yaml")
    (refused,) = findings
    assert (
        refused.message
        == "the base './secret.yaml' is not a rubric file (no id, version and title)"
    )
    assert (refused.file, refused.line) == (str(tmp_path / "child.yaml"), 4)


# -- unquoted findings --------------------------------------------------------------------------


def test_findings_that_quote_nothing(tmp_path: Path) -> None:
    document = load_text(SECRET + "db_password: again\nx: !!python/object:os.system hunter2-7f3a\n")
    quoted = validate_document(document, "review")
    assert any("db_password" in f.message for f in quoted)
    unquoted = validate_document(document, "review", quote_content=False)
    assert [f.line for f in unquoted] == [f.line for f in quoted]
    clean(" ".join(f.message + " ".join(r.message for r in f.related) for f in unquoted))
    broken = load_text("ok: 1\ndb_password: 'hunter2-7f3a\n")
    clean(" ".join(f.message for f in validate_document(broken, "review", quote_content=False)))


def test_looks_like() -> None:
    assert looks_like({"id": "d", "title": "t", "extra": 1}, "descriptor")
    assert not looks_like({"id": "d", "title": "t", "extra": 1}, "descriptor", strict=True)
    assert not looks_like({"db_password": "x"}, "descriptor")
    assert not looks_like(["id", "title"], "descriptor")
    assert not looks_like(None, "rubric")


def test_paths_on_the_command_line_are_trusted(project: Path) -> None:
    # the user may point mcqa anywhere; only paths written in files are confined
    outside = project.parent / "outside"
    outside.mkdir()
    shutil.copy(EXAMPLE_RUBRIC, outside / "r.yaml")
    result = CliRunner().invoke(cli, ["check", "catalog", "--rubric", str(outside / "r.yaml")])
    assert result.exit_code in (0, 1), result.output
    assert "catalog/d1.yaml" in result.output
