"""Errors every stage may raise to the command line."""


class UsageError(Exception):
    """Unusable input as a whole (a missing feeds file, a bad setting): one line, exit code 2."""
