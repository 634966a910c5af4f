"""workbench: a bilingual translation-alignment workbench for the terminal."""

__version__ = "0.1.0"
