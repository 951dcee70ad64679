"""Fivelayer: a sandbox for the five-layer pipeline behind tokenized US stocks."""
