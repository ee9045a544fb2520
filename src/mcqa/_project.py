"""Where the project lives on the web.

This module is the one place that names the project's addresses: change them
here when the project moves, and every report that links to the project (the
SARIF rules' help links, for one) follows.

``HOMEPAGE`` is a placeholder until the project has its permanent address.
"""

from __future__ import annotations

from mcqa._version import __version__

__all__ = ["DOCS_URL", "HOMEPAGE", "SCHEMAS_URL", "SCHEMA_URL", "STANDARD_DOCS_URL", "schema_url"]

#: The project's home page: its source repository.
HOMEPAGE = "https://github.com/mcqa-project/mcqa"

#: The documentation folder of the published sources (the default branch).
DOCS_URL = f"{HOMEPAGE}/blob/main/docs"

#: The published standards: ``<rubric id>-<version>.md``, one heading per standard.
STANDARD_DOCS_URL = f"{DOCS_URL}/standard"


def _source_ref(version: str) -> str:
    """The git ref of the sources of ``version``: its release tag, or ``main`` for a
    development build (which has no tag).

    >>> _source_ref("1.2.0"), _source_ref("1.3.0rc1"), _source_ref("0.1.0.dev0")
    ('v1.2.0', 'v1.3.0rc1', 'main')
    """
    return "main" if ".dev" in version or "+" in version else f"v{version}"


#: The JSON Schemas published with this version of mcqa: the files of its release tag,
#: which never change, so a link written into a file keeps showing the schema this
#: version checks that file against (a development build links the default branch).
SCHEMAS_URL = f"{HOMEPAGE}/raw/{_source_ref(__version__)}/schemas"


def schema_url(name: str) -> str:
    """The published schema ``name`` (``review``, ``config``, ...) of this version of mcqa."""
    return f"{SCHEMAS_URL}/{name}.schema.json"


#: The published review form schema, for forms made where the catalog keeps no copy.
SCHEMA_URL = schema_url("review")
