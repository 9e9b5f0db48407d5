"""Errors the user sees: each carries a Chinese message meant for a dialog."""


class PerfdeskError(Exception):
    """A file could not be read or written; ``str(err)`` is the Chinese reason."""
