"""The mcqa test suite."""
