"""Seeded generators of synthetic demo data (labelled synthetic wherever shown)."""
