"""The cycle's routes, by audience; `common` holds what they share."""
