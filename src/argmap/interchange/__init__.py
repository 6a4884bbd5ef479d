"""Interchange: argument maps in and out of argmap (AIF, OVA, SADFace, Argdown, Kialo, GraphML).

Readers turn a file of another tool into a neutral :class:`~argmap.interchange.graph.Graph`;
:mod:`argmap.interchange.importer` turns that graph into a new work folder that the loader
validates; writers turn one work of a loaded corpus into the other tool's format.
docs/interchange.md has the mapping table (what becomes what, what is kept, what is lost).
"""
