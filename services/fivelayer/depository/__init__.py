"""The depository service."""
