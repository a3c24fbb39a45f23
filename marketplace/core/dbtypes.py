"""Column types shared by every domain's models."""
from marketplace.extensions import db


def value_enum(enum_cls, name, length=20):
    """Store an enum as its lower-case value in a VARCHAR with a named CHECK.

    Not a native enum: adding a state later is a CHECK change, the same on SQLite
    (batch mode) and PostgreSQL.
    """
    return db.Enum(enum_cls, name=name, native_enum=False, length=length, create_constraint=True,
                   values_callable=lambda e: [m.value for m in e], validate_strings=True)
