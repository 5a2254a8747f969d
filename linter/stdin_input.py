"""What `exitlint -` reads (SPEC §6): Terraform (HCL or JSON syntax), Kubernetes YAML/JSON or a
Terraform plan JSON, recognised by content or named with `--stdin-kind`. Input recognised as
none of them is a usage error, never an empty scan."""

from __future__ import annotations

import json
import re

from . import lazy_re

KINDS = ("terraform", "kubernetes", "plan")
STDIN_TF_NAME = "stdin.tf"  # the file standard input is scanned as (shown as `<stdin>`)
STDIN_DISPLAY = "<stdin>"

# Terraform's top-level block types (configuration language), then a label or `{`
_TF_BLOCKS = ("resource", "data", "module", "provider", "variable", "output", "locals",
              "terraform", "moved", "import", "check", "removed", "ephemeral")
_TF_BLOCK = lazy_re.compile(r'(?m)^[ \t]*(?:' + "|".join(_TF_BLOCKS)
                       + r')[ \t]*(?:"[^"\n]*"[ \t]*)*(?:[A-Za-z_][\w-]*[ \t]*)?\{')
_TF_ATTRIBUTE = lazy_re.compile(r'(?m)^[ \t]*[A-Za-z_][\w-]*[ \t]*=[ \t]*\S')  # tfvars-like
_K8S_KEY = lazy_re.compile(r'(?m)^(?:---[ \t]*\n)?[ \t-]*(?:apiVersion|kind)[ \t]*:[ \t]*\S')
_COMMENT = lazy_re.compile(r'(?m)^[ \t]*(?:#|//)[^\n]*|/\*.*?\*/', re.DOTALL)


class StdinKindError(ValueError):
    """Standard input is none of the kinds exitlint reads."""


def detect_kind(text: str) -> str:
    """The kind of `text`: terraform, kubernetes or plan; StdinKindError when none fits."""
    body = text.removeprefix("\ufeff")
    if not body.strip():
        raise StdinKindError("standard input is empty: nothing to scan")
    stripped = body.lstrip()
    if stripped.startswith(("{", "[")):
        kind = _json_kind(stripped)
        if kind is not None:
            return kind
    elif _TF_BLOCK.search(_COMMENT.sub("", body)):
        return "terraform"
    elif _K8S_KEY.search(body):
        return "kubernetes"
    raise StdinKindError(
        "standard input is not recognised as Terraform (HCL or JSON), a Kubernetes manifest "
        "(apiVersion/kind) or a Terraform plan JSON; name it with --stdin-kind "
        f"{'|'.join(KINDS)}" + (" (it looks like a variable file: pass it with --var-file)"
                                if _TF_ATTRIBUTE.search(body) else ""))


def _json_kind(text: str) -> str | None:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return "kubernetes" if '"apiVersion"' in text[:4096] else None  # the reader reports it
    if isinstance(doc, dict):
        if "format_version" in doc and ("planned_values" in doc or "resource_changes" in doc):
            return "plan"
        if "apiVersion" in doc or "kind" in doc:
            return "kubernetes"
        if doc and set(doc) <= set(_TF_BLOCKS) | {"//"}:
            return "terraform"
    if isinstance(doc, list) and doc and all(isinstance(d, dict) and "apiVersion" in d
                                             for d in doc):
        return "kubernetes"
    return None


def terraform_file_name(text: str) -> str:
    """The name standard input is scanned under: JSON syntax or native syntax."""
    return STDIN_TF_NAME + (".json" if text.lstrip("\ufeff \t\r\n").startswith("{") else "")


def holds_kubernetes(text: str) -> bool:
    """Whether `text` (named `--stdin-kind kubernetes`) can hold a Kubernetes object at all."""
    body = text.removeprefix("\ufeff").lstrip()
    if body.startswith(("{", "[")):
        return _json_kind(body) == "kubernetes"
    return _K8S_KEY.search(body) is not None
