"""The competence portfolio ("competentiepaspoort"): skill claims with their provenance."""
