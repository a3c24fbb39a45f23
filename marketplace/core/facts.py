"""Read-only access to the project's shared facts (shared/data/*.json).

The JSON files are the single source: provinces and their former units, OCOP
groups, star bands, certificate validity. They are loaded once per process.
"""
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask import current_app


@dataclass(frozen=True)
class StarBand:
    stars: int
    min_points: int
    max_points: int
    certified: bool


def _data_dir(data_dir=None):
    return Path(data_dir or current_app.config["SHARED_DATA_DIR"])


@lru_cache(maxsize=8)
def _load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_json(name, data_dir=None):
    return _load(str(_data_dir(data_dir) / name))


def ocop_facts(data_dir=None):
    return load_json("ocop.json", data_dir)


def provinces_facts(data_dir=None):
    return load_json("provinces.json", data_dir)


def star_bands(data_dir=None):
    return {band["stars"]: StarBand(band["stars"], band["min_points"], band["max_points"], band["certified"])
            for band in ocop_facts(data_dir)["stars"]["bands"]}


def certificate_valid_months(data_dir=None):
    return int(ocop_facts(data_dir)["stars"]["certificate_valid_months"])


@dataclass(frozen=True)
class CriteriaPart:
    code: str
    name_vi: str
    name_en: str
    max_points: int


def criteria_parts(data_dir=None):
    """The parts of the OCOP scoring criteria (A, B, C) with their maximum points, in order.

    Read from ocop.json `criteria.parts` (Decision 148/QĐ-TTg: 40, 25, 35), never written
    in code: every scoring sheet's parts must add up to these maxima.
    """
    return [CriteriaPart(part["code"], part["name_vi"], part["name_en"], int(part["max_points"]))
            for part in ocop_facts(data_dir)["criteria"]["parts"]]


def star_band_for(points, data_dir=None):
    """The star band whose range holds `points` (an integer out of 100), or None."""
    for band in star_bands(data_dir).values():
        if band.min_points <= points <= band.max_points:
            return band
    return None
