"""borderlink: link analysis for cross-border people-smuggling investigations."""

__version__ = "0.1.0"
