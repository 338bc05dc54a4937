"""The names OOXML is written with: namespaces, content and relationship types, kkrdeck's marker, XML escaping."""

from __future__ import annotations

from kkrdeck.outline.characters import NOT_IN_XML

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"  # the root of a .rels part
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NAMESPACES = f'xmlns:a="{A_NS}" xmlns:r="{R_NS}" xmlns:p="{P_NS}"'  # declared on every slide-like part's root

# Two spellings of one declaration, both kept so the files stay byte-identical: the base template's parts use
# double quotes, the parts added to a template use lxml's single quotes (as python-pptx wrote them).
XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
XML_HEADER_ADDED = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

RT = R_NS + "/"  # + "slide", "slideLayout", "image", "hyperlink", …
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"

CT_PML = "application/vnd.openxmlformats-officedocument.presentationml."  # + "slide+xml", "slideLayout+xml", …
CT_PRESENTATION = CT_PML + "presentation.main+xml"
CT_TEMPLATE = CT_PML + "template.main+xml"
CT_SLIDESHOW = CT_PML + "slideshow.main+xml"
CT_MACRO_MAINS = ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
                  "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
                  "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml")
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_EXTENDED = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

# kkrdeck's name in docProps/app.xml: `build` overwrites only a .pptx that carries it
APPLICATION = "<Application>kkrdeck</Application>"
APP_XML = (f'{XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           f'{APPLICATION}</Properties>')
CORE_PROPERTIES = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                   'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
                   'terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
                   'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">')  # docProps/core.xml's root start tag
VIEW_PROPS_XML = f'{XML_HEADER}<p:viewPr {NAMESPACES}><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'

TABLE_STYLE_ID = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # "Medium Style 2 – Accent 1", PowerPoint's default
SLIDENUM_FIELD_ID = "{5C1D4F2B-7A3E-4E0B-9D61-2B8E4C7A1F30}"  # one id for the slide number field everywhere

# What xml.sax.saxutils does, without its 40 ms of imports
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})
REPLACEMENT = "\ufffd"


def _xml_chars(text: str) -> str:
    """Characters XML 1.0 cannot carry replaced by U+FFFD. Validation refuses them in everything a deck and its
    brand say (outline.characters); this is the last guard, so no text can ever make a file that will not open."""
    return NOT_IN_XML.sub(REPLACEMENT, text) if NOT_IN_XML.search(text) else text


def escape(text: str) -> str:
    """&, < and > escaped, for element text."""
    return _xml_chars(text).translate(_TEXT)


def quoteattr(text: str) -> str:
    """A double-quoted attribute value, quotes and white space escaped so a parser reads back the same text."""
    return f'"{_xml_chars(text).translate(_ATTR)}"'


def xml_text(text: str) -> str:
    """Text content from the deck, escaped (the one path every text of a slide is written through)."""
    return escape(text)
