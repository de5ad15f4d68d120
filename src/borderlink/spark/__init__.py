"""Spark for borderlink's scale-out engine: the session and the graph algorithms on it.

Imported only by `--engine spark` code paths; pyspark comes with the `[spark]` extra.
"""
