"""The version of each file format this mcqa reads and writes.

Kept apart from the models so that naming a format (a schema's ``$id``) builds
no model: :mod:`mcqa.schema` reads these, and each model's module re-exports its own.
"""

from __future__ import annotations

__all__ = [
    "CONFIG_FORMAT",
    "DESCRIPTOR_FORMAT",
    "PROGRAM_FORMAT",
    "REPORT_FORMAT",
    "REVIEW_FORMAT",
    "RUBRIC_FORMAT",
]

#: The configuration format this version of mcqa reads.
CONFIG_FORMAT = 1
#: The descriptor format this version of mcqa reads.
DESCRIPTOR_FORMAT = 1
#: The program format this version of mcqa reads.
PROGRAM_FORMAT = 1
#: The report format this version of mcqa writes.
REPORT_FORMAT = 1
#: The review form format this version of mcqa reads and writes.
REVIEW_FORMAT = 1
#: The rubric file format this version of mcqa reads and writes.
RUBRIC_FORMAT = 1
