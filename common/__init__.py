"""The shared bottom layer: utilities every app may use (one-time form tokens, uploads,
private downloads, dates, admin helpers, idle sessions). It imports none of our apps; the
import-linter contract in ``pyproject.toml`` keeps it so."""
