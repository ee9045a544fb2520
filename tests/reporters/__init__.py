"""Tests of the report formats (the reporters in ``src/mcqa/reporters/``)."""
