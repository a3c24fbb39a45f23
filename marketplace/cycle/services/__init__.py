"""The cycle's operations, one module per stage. Each public function takes the acting
user, checks they may act on that very record (cycle.access), moves the record's state
machine (cycle.states) and is one transaction; e-mail leaves through the outbox."""
