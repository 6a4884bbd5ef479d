"""The core: the map's model and how a folder of YAML becomes a checked Corpus.

Reading a file within limits (readfile), parsing YAML with positions for every
problem (yamlfile), the pydantic model of each record kind (model), works and
their id namespaces (namespaces), the loader that validates and cross-checks a
whole folder (loader) into a Corpus (corpus), the JSON Schema of the format
(schema) and the errors every stage reports (errors). Deliberately empty: a
command that needs only the errors must not import pydantic through here.
"""
