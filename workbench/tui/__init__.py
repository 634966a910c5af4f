"""The alignment editor (Textual). The only part of workbench that imports Textual."""
