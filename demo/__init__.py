"""The demo: the register, funding programmes, and the seed cases walked through the real flows.

An app of its own at the top of the layers (docs/architecture.md), installed only in the local,
test and bench settings, never in production. It reads every app below it; none reads it.
"""
