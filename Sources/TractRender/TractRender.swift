// The renderer as one import: shaping (the Pango shaper behind `TextShaper`), drawing (Cairo:
// pages, pictures, marks) and output (files written under a temporary name, qpdf finishing,
// Ghostscript's colour conversion).
@_exported import TractDrawing
@_exported import TractOutput
@_exported import TractShaping
