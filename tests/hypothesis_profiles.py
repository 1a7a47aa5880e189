"""Hypothesis profiles for the property tests: ``ci`` (the default) and ``thorough``.

Choose one with the ``HYPOTHESIS_PROFILE`` environment variable::

    python -m pytest tests/test_properties.py                               # ci
    HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py   # ~80,000 pages

``ci`` keeps tests/test_properties.py, test_hostile.py, test_tokenizer_cases.py and
test_yaml_safety.py together at about one minute (5,000 pages fuzzed); ``thorough`` runs
about 12 minutes and is for local runs before a release or after a parser change.
The profiles are applied per test (``@PROFILE``), never loaded globally, so other
modules' hypothesis settings are untouched.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

__all__ = ["PROFILE", "PROFILE_NAME"]

_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,  # a time limit of our own is asserted in the tests instead
    suppress_health_check=_SLOW_INPUTS,
    derandomize=True,  # the same pages on every CI run: a failure is reproducible
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
)

PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE_NAME not in ("ci", "thorough"):
    PROFILE_NAME = "ci"
#: ``@PROFILE`` on a ``@given`` test applies the chosen profile to it.
PROFILE = settings.get_profile(PROFILE_NAME)
