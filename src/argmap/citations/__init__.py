"""Citations: footnotes and sources as the chapter prints them, and as others read them.

Chicago notes and bibliography entries (chicago), their numbering and short
forms across a text (notes), archival locators of every tradition (archives)
and CSL-JSON for Zotero and pandoc (csl). Bibliographic data is copied from the
map exactly; nothing here fills in what the text does not give.
"""
