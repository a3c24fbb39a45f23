"""English is the interface's second language: every message the code and the templates
write has its English in the catalogue. Three had none (an officer's refusal in admin and
programme, the events' month label) and English visitors read them in Vietnamese; this
extracts every message as `pybabel extract` does (babel.cfg) and looks each one up."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

pytestmark = pytest.mark.undated  # messages take no day

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def _messages():
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    for filename, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        text = message[0] if isinstance(message, tuple) else message  # a plural: its singular is the key
        if text:
            yield filename, text


def test_every_message_has_its_english():
    with open(ROOT / "marketplace/translations/en/LC_MESSAGES/messages.po", "rb") as po:
        catalogue = read_po(po)
    messages = list(_messages())
    assert len(messages) > 1000  # the sweep reads the real tree
    missing = sorted({f"{filename}: {text}" for filename, text in messages
                      if not (catalogue.get(text) and catalogue.get(text).string)})
    assert missing == []
