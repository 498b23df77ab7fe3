"""The briefing screen and the parts it is made of: panes, search, export, analyst tools, places."""
