"""The load test: clinicians and an API client at a fixed arrival rate (python -m benchmarks.load).

Kept free of imports: the generator process imports this package and nothing of Django.
"""
