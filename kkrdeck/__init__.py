"""kkrdeck: a YAML outline of a presentation in, a branded, native PowerPoint file out."""

__version__ = "0.1.0"
