"""The write stage: the only code that writes OOXML parts and the .pptx package."""
