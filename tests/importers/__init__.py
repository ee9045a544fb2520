"""Tests of the importers: foreign formats in, canonical descriptors out."""
