"""Where the project lives on the web.

This module is the one place that names the project's addresses: change them
here when the project moves, and every report that links to the project (the
SARIF rules' help links, for one) follows.

``HOMEPAGE`` is a placeholder until the project has its permanent address.
"""

from __future__ import annotations

__all__ = ["DOCS_URL", "HOMEPAGE", "STANDARD_DOCS_URL"]

#: The project's home page: its source repository.
HOMEPAGE = "https://github.com/mcqa-project/mcqa"

#: The documentation folder of the published sources (the default branch).
DOCS_URL = f"{HOMEPAGE}/blob/main/docs"

#: The published standards: ``<rubric id>-<version>.md``, one heading per standard.
STANDARD_DOCS_URL = f"{DOCS_URL}/standard"
