"""Benchmarks of briefing: synthetic briefings, floors, and paired timing of every figure.

Run with `python -m benchmarks` (see `python -m benchmarks --help`); results go to
`benchmarks/RESULTS.md`. Nothing here is part of the test suite, except one test that
runs the harness at the small size to prove it works.
"""
