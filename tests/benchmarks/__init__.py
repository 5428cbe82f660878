"""MineLedger's benchmark script (`python tests/benchmarks/run.py`): it measures and reports, it asserts nothing.

No module here starts with test_, so pytest never collects them; tests/test_benchmark.py runs the script once
at size small to check that it works.
"""
