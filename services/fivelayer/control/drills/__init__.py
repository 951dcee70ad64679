"""Failure drills: a fault injected into a small seeded world, run under the manual clock, reported."""
