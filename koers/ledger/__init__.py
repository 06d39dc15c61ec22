"""The learning-and-career account ledger (leer- en loopbaanrekening): pure domain rules.

The web app ``koers.web.learning`` stores the entries and applies these rules inside a
database transaction with the account row locked.
"""
