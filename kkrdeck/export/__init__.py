"""The export stage: LibreOffice at the edge, for PDFs and slide pictures."""
