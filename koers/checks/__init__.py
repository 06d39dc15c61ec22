"""Competence checks: where a citizen or an organisation stands, and what to do next."""
