#!/usr/bin/env python3
"""Removes the TrueType hinting from fonts, for print: hinting only helps screens at small
pixel sizes, and every PDF that embeds a subset of a hinted font carries its programs.

    pip install fonttools
    scripts/strip-hinting.py SOURCE.ttf... OUTPUT_FOLDER

Glyph outlines, metrics, kerning and OpenType features are kept unchanged.
"""
import os
import sys

from fontTools.ttLib import TTFont


def strip(source: str, folder: str) -> None:
    font = TTFont(source)
    for table in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "DSIG"):
        if table in font:
            del font[table]
    if "glyf" in font:
        for name in font.getGlyphOrder():
            glyph = font["glyf"][name]
            if hasattr(glyph, "program"):
                glyph.program.fromBytecode(b"")
    # With no programs left, the rendering hints in `gasp` ask only for smoothing.
    if "gasp" in font:
        font["gasp"].gaspRange = {0xFFFF: 0x000A}
    font["maxp"].maxSizeOfInstructions = 0
    font.save(os.path.join(folder, os.path.basename(source)))


if __name__ == "__main__":
    *sources, folder = sys.argv[1:]
    for source in sources:
        strip(source, folder)
