"""The catalogue: provinces, categories, producers, products and their OCOP stars (models,
queries, services, reference data, demo and synthetic catalogues, `flask catalog`).

Its public pages live in marketplace/storefront/, above both catalog and search, so that the
catalogue never imports the search engine that indexes it."""
