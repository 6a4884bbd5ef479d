"""The JSON Schema of the YAML format, for editor completion and checking."""

from __future__ import annotations

from typing import Any

from argmap.core.model import MapFile


def json_schema() -> dict[str, Any]:
    """Schema of one map file, with the names a YAML author writes (CSL hyphens)."""
    schema = MapFile.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "argmap map file"
    return schema
