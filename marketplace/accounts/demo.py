"""The demo's accounts: `demo_account(email, full_name, role)`.

The demo loaders (events, matching, programme) act through accounts of their own,
found by e-mail so that loading twice adds nobody. Their passwords are random: nobody
signs in as them (an admin manages what they made).
"""
import secrets

from marketplace.accounts.models import Role
from marketplace.accounts.services import find_user_by_email, register_user


def demo_account(email, full_name, role=Role.CONSUMER):
    user = find_user_by_email(email)
    if user is None:
        user = register_user(email=email, password=secrets.token_urlsafe(24), full_name=full_name, role=role,
                             self_service=False)
    return user
