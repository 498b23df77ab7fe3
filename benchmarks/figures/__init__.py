"""Figures: each group of paired measurements, and the table rows they produce."""
