"""Formal argumentation: Dung frameworks (af), their file formats (afformats),
schools read as audiences (audiences) and graded strengths (qbaf, gradual).

Nothing here knows YAML or Streamlit: the map comes in as a Corpus, labels and
strengths go out as plain data.
"""
