"""Starting a new map from a text: `argmap new WORK-ID --from-text FILE`."""

from argmap.scaffold.text import ParsedText, TextError, parse_text
from argmap.scaffold.write import NewWork, new_work, scaffold_files

__all__ = ["NewWork", "ParsedText", "TextError", "new_work", "parse_text", "scaffold_files"]
