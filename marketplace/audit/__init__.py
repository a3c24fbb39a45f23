"""The audit log: who did what to a producer, a certificate, a listing or a team, when and why.

Every domain that changes such a record writes here in its own transaction (studio,
admin, the OCOP cycle, post-inspection); admin reads it. A package of its own below
all of them, so that each of those arrows points down (.importlinter).
"""
