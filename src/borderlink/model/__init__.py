"""The canonical data model (schema/*.yaml), vocabularies and value normalisers."""

from borderlink.model.loader import Model, RecordType, load_model, load_vocabulary

__all__ = ["Model", "RecordType", "load_model", "load_vocabulary"]
