"""Matching operations, one module per area: `buyers` (buyer organisations and their members),
`posts` (demands and offers, one state machine for both), `connections` (requests with
consent, answers, messages, who sees whose contacts), `preferences` (how often a user hears
of new matches); `inputs` holds the checks they share.

Plain functions with explicit arguments: the acting user, the record, `today` or `now` (no
request, no current_user), one transaction each (`atomic`). Each checks that the actor acts
for the very buyer organisation or producer the record belongs to (`matching.access`); a
refusal raises PermissionDenied and changes nothing.
"""
