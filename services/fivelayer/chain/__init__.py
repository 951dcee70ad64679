"""The chain service."""
