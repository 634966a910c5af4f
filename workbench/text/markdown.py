"""Markdown (.md) through markdown-it-py: headings, paragraphs, list items, quotes and table
cells as paragraphs; code blocks kept as their own (verbatim) paragraphs."""

from __future__ import annotations

from pathlib import Path

from workbench.text.blocks import Block, join_lines


def markdown_blocks(text: str, path: str | Path = "") -> list[Block]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.options["maxNesting"] = 40  # hostile nesting stops here instead of recursing deep
    blocks: list[Block] = []
    for token in md.parse(text):
        if token.type == "inline":
            line = join_lines(_inline_lines(token.children or []))
            if line:
                blocks.append(Block(line))
        elif token.type in ("fence", "code_block"):
            code = join_lines([ln.rstrip() for ln in token.content.split("\n")])
            if code:
                blocks.append(Block(code, verbatim=True))
    return blocks


def _inline_lines(children) -> list[str]:
    """The text of an inline run, split where the source broke the line."""
    lines, cur = [], ""
    for child in children:
        if child.type in ("text", "code_inline"):
            cur += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append(cur)
            cur = ""
        elif child.type == "image":
            continue  # an image's alt text is not the document's text
    lines.append(cur)
    return lines
