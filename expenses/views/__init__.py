"""Expenses pages, by who uses them: reps (claims), coordinators (approvals),
finance, managers and the admin (finance)."""
