"""Check an annotation against the W3C Web Annotation Data Model's conformance schemas.

The schemas in definitions/ are web-platform-tests' (annotation-model/definitions,
3-Clause BSD, see LICENSE.md). They hold only building blocks; the checks below compose
them as the tests' `annotationMusts` does, plus the SHOULD-level ones, so that what we
store passes both. Each check names the field it is about, for the problem document.
"""

import json
from functools import cache
from pathlib import Path

DEFINITIONS = Path(__file__).with_name("definitions")
D4 = "http://json-schema.org/draft-04/schema#"
CHOICE_SET_TYPES = {"Choice", "Composite", "List", "Independents"}


def _ref(ref: str) -> dict:
    """Require one definition."""
    return {"allOf": [{"$ref": ref}]}


def _one_or_array(ref: str) -> dict:
    """Require one definition, or an array of them."""
    return {"oneOf": [{"$ref": ref}, {"type": "array", "items": {"$ref": ref}}]}


# (field, rule, schema), checked on the annotation.
ANNOTATION_CHECKS = [
    ("@context", "3.1 @context includes http://www.w3.org/ns/anno.jsonld",
     {"type": "object", "required": ["@context"], "properties": {"@context": {"oneOf": [
         {"$ref": "annotations.json#/definitions/contextValueFound"},
         {"$ref": "annotations.json#/definitions/contextValueInArrayFound"}]}}}),
    ("id", "3.1 id is a single IRI", _ref("id.json#/definitions/idValueFound")),
    ("type", "3.1 type includes 'Annotation'",
     _ref("annotations.json#/definitions/annotationTypeValueFound")),
    ("target", "3.1 target is present", {"type": "object", "required": ["target"]}),
    ("target", "3.2 every target is an IRI, an External Web Resource, a Choice or Set, or a "
     "Specific Resource", {"type": "object", "properties": {
         "target": _one_or_array("bodyTarget.json#/definitions/targetResourcesFound")}}),
    ("bodyValue", "3.2.5 not both body and bodyValue",
     {"type": "object", "not": {"required": ["body", "bodyValue"]}}),
    ("body", "3.2 every body is an IRI, an External Web Resource, a Textual Body, a Choice or "
     "Set, or a Specific Resource", {"type": "object", "properties": {
         "body": _one_or_array("bodyTarget.json#/definitions/bodyResourcesFound")}}),
    ("bodyValue", "3.2.5 bodyValue is a single string",
     _ref("annotations.json#/definitions/bodyValueValidIfPresent")),
    ("created", "3.3.1 created is a single date-time",
     _ref("otherProperties.json#/definitions/createdValidIfPresent")),
    ("modified", "3.3.1 modified is a single date-time",
     _ref("otherProperties.json#/definitions/modifiedValidIfPresent")),
    ("generated", "3.3.1 generated is a single date-time",
     _ref("otherProperties.json#/definitions/generatedValidIfPresent")),
    ("rights", "3.3.6 rights are IRIs",
     _ref("otherProperties.json#/definitions/rightsValidIfPresent")),
    ("canonical", "3.3.7 canonical is a single IRI",
     _ref("otherProperties.json#/definitions/canonicalValidIfPresent")),
    ("via", "3.3.7 via are IRIs", _ref("otherProperties.json#/definitions/viaValidIfPresent")),
    ("motivation", "3.3.5 motivation values are from the model's list",
     _ref("annotations.json#/definitions/motivationRecognizedIfPresent")),
    ("creator", "3.3.1 creator values are IRIs or objects",
     _ref("otherProperties.json#/definitions/creatorValidIfPresent")),
    ("generator", "3.3.1 generator values are IRIs or objects",
     _ref("otherProperties.json#/definitions/generatorValidIfPresent")),
    ("audience", "3.3.3 audience values are IRIs or schema.org audiences",
     _ref("otherProperties.json#/definitions/audienceValidIfPresent")),
    ("stylesheet", "4.4 stylesheet is an IRI or an embedded CssStylesheet",
     _ref("annotations.json#/definitions/stylesheetValueDefinition")),
]  # fmt: skip
# Checked on each body and each target object, inside Choices and Sets too.
RESOURCE_CHECKS = {
    "body": [
        ("3.2 body properties meet the model's constraints",
         _ref("bodyTarget.json#/definitions/optionalBodyPropertiesMust")),
        ("3.2 body properties meet the model's recommendations",
         _ref("bodyTarget.json#/definitions/optionalBodyPropertiesShould")),
        ("3.3.5 body purpose values are from the model's list",
         _ref("otherProperties.json#/definitions/purposeRecognizedIfPresent")),
    ],
    "target": [
        ("3.2 target properties meet the model's constraints",
         _ref("bodyTarget.json#/definitions/optionalTargetPropertiesMust")),
        ("3.2 target properties meet the model's recommendations",
         _ref("bodyTarget.json#/definitions/optionalTargetPropertiesShould")),
    ],
}  # fmt: skip


class Checker:
    """The model's checks, compiled once against the local definitions."""

    def __init__(self, definitions: Path = DEFINITIONS):
        # jsonschema is loaded at the first write, not when the server starts.
        from referencing import Registry
        from referencing.jsonschema import DRAFT4

        self.base = definitions.resolve().as_uri() + "/"
        resources = [
            (self.base + path.name, DRAFT4.create_resource(json.loads(path.read_text("utf-8"))))
            for path in sorted(definitions.glob("*.json"))
        ]
        self.registry = Registry().with_resources(resources)
        self._validators: dict = {}

    def _validator(self, rule: str, schema: dict):
        """Compile a check once."""
        from jsonschema import Draft4Validator

        if rule not in self._validators:
            root = {"$schema": D4, "id": self.base + "check.json", **schema}
            self._validators[rule] = Draft4Validator(
                root, registry=self.registry, format_checker=Draft4Validator.FORMAT_CHECKER
            )
        return self._validators[rule]

    def _failure(self, rule: str, schema: dict, instance) -> str | None:
        """Say why an instance fails a check, or None when it passes."""
        errors = list(self._validator(rule, schema).iter_errors(instance))
        if not errors:
            return None
        from jsonschema.exceptions import best_match

        error = best_match(errors)
        where = "".join(f"[{part!r}]" for part in error.absolute_path)
        return f"{rule}{f' (at {where})' if where else ''}: {error.message[:200]}"

    def problems(self, annotation: dict) -> dict[str, list[str]]:
        """Return what breaks the model, by field; empty when the annotation conforms."""
        found: dict[str, list[str]] = {}
        for name, rule, schema in ANNOTATION_CHECKS:
            if (failure := self._failure(rule, schema, annotation)) is not None:
                found.setdefault(name, []).append(failure)
        for name, checks in RESOURCE_CHECKS.items():
            if name in found:
                continue  # the resource itself is not recognised; said already
            for resource in resources(annotation.get(name)):
                for rule, schema in checks:
                    if (failure := self._failure(rule, schema, resource)) is not None:
                        found.setdefault(name, []).append(failure)
        return found


def resources(value) -> list[dict]:
    """Return the body or target objects of a value, descending into Choices and Sets."""
    if isinstance(value, list):
        return [found for item in value for found in resources(item)]
    if isinstance(value, dict):
        kinds = value.get("type", [])
        kinds = set(kinds if isinstance(kinds, list) else [kinds])
        return resources(value.get("items", [])) if kinds & CHOICE_SET_TYPES else [value]
    return []


@cache
def checker() -> Checker:
    """Return the process's checker, compiled on first use."""
    return Checker()
