"""Test-wide settings.

Hypothesis' per-example deadline is a timing assertion: on a loaded machine (CI runners, two shared cores)
it fails tests whose logic is right. Tests here are never timed (speed is measured by ``benchmarks/``), so
the deadline is off for every property test; the number of examples stays as each test sets it.
"""

from hypothesis import settings

settings.register_profile("vnpe", deadline=None)
settings.load_profile("vnpe")
