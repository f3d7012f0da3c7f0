"""What the app exports besides the report: the claim × outlet matrix as CSV, and the API's
reference page made from its OpenAPI schema."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

# A spreadsheet runs a cell starting with one of these as a formula; article text is hostile,
# so such a cell gets a leading apostrophe (OWASP's advice for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
STATES, CONTRADICTS = "states", "contradicts"


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def claims_csv(record_json: str, articles_json: str) -> str:
    """A row per claim: its text, how many reports and independent reports state it, then per
    source (headed by its citation label) ``states``, ``contradicts`` or empty (not mentioned)."""
    record = json.loads(record_json)
    sources = json.loads(articles_json)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["claim", "reports", "independent", *(_cell(s["label"]) for s in sources)])
    for claim in record.get("claims") or []:
        support, contradict = set(claim.get("support") or []), set(claim.get("contradict") or [])
        count = claim.get("support_count") or {}
        cells = [
            STATES if s["id"] in support else CONTRADICTS if s["id"] in contradict else "" for s in sources
        ]
        writer.writerow(
            [_cell(claim.get("text")), count.get("articles", ""), count.get("independent", ""), *cells]
        )
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, where, type, about
    responses: list[tuple[str, str]] = field(default_factory=list)  # status, description


def api_operations(schema: dict[str, Any]) -> list[Operation]:
    """Every operation of the OpenAPI schema, in its order, for the reference page."""
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            parameters = [
                (
                    p.get("name", ""),
                    p.get("in", ""),
                    _type(p.get("schema") or {}),
                    (p.get("description") or (p.get("schema") or {}).get("description") or ""),
                )
                for p in spec.get("parameters", [])
            ]
            body = spec.get("requestBody", {}).get("content", {})
            for media in body:
                parameters.append(("(body)", media, "", "form fields: see the schema"))
            responses = [(code, r.get("description", "")) for code, r in spec.get("responses", {}).items()]
            operations.append(
                Operation(
                    method.upper(),
                    path,
                    spec.get("summary", ""),
                    spec.get("description", ""),
                    parameters,
                    responses,
                )
            )
    return operations


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return str(schema.get("type", ""))
