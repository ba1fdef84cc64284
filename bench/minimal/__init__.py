"""A bench-only minimal viewflow flow: the yardstick a domain task's completion is measured
against (no domain logic, no audit event, the same engine, lock and permission check)."""
