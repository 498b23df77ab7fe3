"""Run the command line as `python -m briefing`."""

from briefing.cli import run

run()
