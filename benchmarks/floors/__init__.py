"""Floors: the least a program can do for each figure, measured in the same run as it."""
