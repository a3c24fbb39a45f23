"""The demo catalogue: believable OCOP producers and products, loaded without network.

`loader.load_demo_catalogue(store, today)` turns the curated content
(`content`: producers.json and usage.json beside it) into rows through the catalogue services (one transaction).
`plan.build_plan` decides everything first with a seeded random generator: OCOP
certificates spread over the last four years relative to `today` (so some are
expired, some pending, a couple rejected), prices, stock and statuses. `pictures`
draws the photos and logos locally with Pillow. Two loads make the same catalogue,
and a second load adds nothing: producers and products are keyed by deterministic slugs.
"""
