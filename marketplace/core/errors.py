"""Typed errors raised by services and turned into messages by views.

Messages are lazy translations so that they reach the user in their language.
"""


class DomainError(Exception):
    """A rule of the domain refused the operation; nothing was changed."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """Input that cannot be accepted."""


class InvalidTransition(DomainError):
    """A state machine was asked for a move it does not allow."""


class PermissionDenied(DomainError):
    """The actor may not act on this record."""
