"""The seminar app's logic: Streamlit pages over the argmap library.

`app.py` is a thin shell that wires these modules together. Nothing here reads
YAML: the corpus comes from `argmap.core.loader`, and everything shown is computed
by the library (views, dot, render, trace, chicago, search).
"""
