"""Data in and out of the ledger as files: Excel/CSV import of hand-typed rosters, exports a clerk can reopen.

No Qt here (architecture rule 1): the window and `mineledger import/export` both call these functions.
"""
