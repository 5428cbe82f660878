"""Dialogs: the first-run wizard and the record windows the pages open."""
