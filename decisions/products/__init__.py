"""The pharmacy's immune globulin catalogue, the infusion schedule and the nurse's chart.

`catalogue.py` is plain data (read by migration 0013 and by docs/products.md); the arithmetic
is in decisions/engine/infusion_rates.py.
"""
