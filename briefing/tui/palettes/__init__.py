"""Command palette providers (ctrl+p)."""
