"""Drawing: a view of the map as Graphviz draws it, on screen and on paper.

A view (argmap.views) says which nodes and edges to show; this package decides
how they look (dot: labels, colours, each school's verdict), lays them out and
draws them in-process (render), tiles them on A4 or Letter pages at a legible
size (printing) and joins them to the claims' text as a seminar handout
(handout). Text from the map is always escaped or set as plain text.
"""
