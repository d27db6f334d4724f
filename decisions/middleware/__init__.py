"""Middleware of our own, one job per module."""
