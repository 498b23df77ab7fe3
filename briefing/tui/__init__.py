"""The terminal user interface: the Textual app, its screens, views, widgets, and the web server."""
