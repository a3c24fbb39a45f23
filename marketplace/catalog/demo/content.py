"""The curated demo content, read from the JSON files beside this module (data, not code).

The producers and specialities are modelled on real OCOP products of their places, but
every name, phone number, e-mail and certificate number is made up for demonstration.
The data holds no dates: the plan (`demo.plan`) places every date relative to the day
the demo is loaded.

producers.json, a list; each producer:
    name, kind (cooperative | cooperative_group | enterprise | household),
    province (code in shared/data/provinces.json), former (name of the pre-2025 province,
    or null), commune (where it works, "Xã ..." / "Phường ..."), founded (year), about
    (one or two sentences for its story), products.
Each product:
    name, sub (an OCOP subcategory name in ocop.json), desc (Markdown sentences: origin,
    ingredients, how it is made), variants: a list of {unit, price in đồng, optional name
    (the full listing name)}; optional stars (5 marks the rare 5-star products; otherwise
    the plan picks 3 or 4 stars, or none).
With one variant the listing takes the product name; with several, each listing is
"<name> <unit>" unless the variant names itself.

usage.json: how to use and store, per subcategory name; appended to every description.
"""
import json
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


@cache
def producers() -> list:
    """The demo producers and their products (read once; do not modify)."""
    return _read("producers.json")


@cache
def usage() -> dict:
    """Subcategory name → how to use and store."""
    return _read("usage.json")


def _read(name):
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))
