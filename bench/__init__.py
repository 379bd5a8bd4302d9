"""Benchmarks: measured by hand or in CI logs, never asserted in tests (timings vary with the machine)."""
