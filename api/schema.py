"""The answers every operation may give besides its data, in the published schema: a client
reads from it what 400, 401, 403 and 404 mean (drf-spectacular's postprocessing hook)."""

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A refused query string: each parameter with what is wrong with it.
INVALID_QUERY = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
_ANSWERS = {
    "401": ("Error", "No token or session, or the token is invalid, expired or revoked."),
    "403": ("Error", "The token may not read this resource (its scope)."),
    "404": ("Error", "No such object that the caller may see, or a page past the last."),
}
_LIST_ANSWERS = {
    "400": ("InvalidQuery", "A query parameter is not what the schema declares."),
}


def _response(component: str, description: str) -> dict:
    schema = {"$ref": f"#/components/schemas/{component}"}
    return {"content": {"application/json": {"schema": schema}}, "description": description}


def document_error_answers(result, **_context):
    """Add the error answers to every operation, and 400 to those that take a query."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(Error=ERROR, InvalidQuery=INVALID_QUERY)
    for operations in result["paths"].values():
        for operation in operations.values():
            answers = dict(_ANSWERS)
            if any(parameter["in"] == "query" for parameter in operation.get("parameters", [])):
                answers.update(_LIST_ANSWERS)
            for status, (component, description) in answers.items():
                operation["responses"].setdefault(status, _response(component, description))
            operation["responses"] = dict(sorted(operation["responses"].items()))
    return result
