"""The subcommands of the `briefing` program, each headless unless it opens the reader."""
