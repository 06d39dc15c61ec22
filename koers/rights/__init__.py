"""Rights and incentives: a rules engine over versioned, dated rule files with their source.

See :mod:`koers.rights.rules` for the rule file format; the shipped rules are in
``koers/rights/data``.
"""
