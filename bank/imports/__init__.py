"""Bulk import into the bank of completed reports (issue 22): a folder of published reports
with a CSV of their details, by a management command (a folder on the server) or by an upload
(a ZIP of the folder, with the CSV inside it or beside it), run by the worker.

The policy (docs/bank.md, "Bulk import"):
- A problem with the whole file (not a CSV, a heading missing, no rows, too many rows, not a
  ZIP) refuses the import whole, before anything is saved, with every such problem listed.
- Every row is checked before any is saved (rows.py): a bad row (a file missing or not a PDF,
  a year out of range, an unknown type of review, age or theme, no title, both or neither of
  file and address) is reported with its row number and why, and the good rows are added.
- Each row is all or nothing: its entry and its file are saved together or not at all.
- The same file is added once, by its SHA-256 (an address, once by the address): a row whose
  report is already in the bank is reported with a link to it, so an import run twice adds
  nothing the second time; a file named twice in one CSV is reported at its second row.
- Themes given in the CSV are the confirmed themes (the staff who keep the entries import
  them): such an entry joins the bank at once. A row without themes waits, as a report added
  alone does, for one of its keepers to confirm the themes its words suggest.
"""
