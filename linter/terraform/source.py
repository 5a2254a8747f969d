"""A Terraform module directory read from disk: its files, grouped declarations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..hcl import ast as A

TERRAFORM_SUFFIXES = (".tf", ".tofu", ".tf.json", ".tofu.json")
TFVARS_SUFFIXES = (".tfvars", ".tfvars.json")


def is_terraform(name: str) -> bool:
    return name.endswith(TERRAFORM_SUFFIXES)


def is_tfvars(name: str) -> bool:
    return name.endswith(TFVARS_SUFFIXES)


@dataclass(frozen=True)
class Decl:
    """A top-level block and the file (relative to the scan root) it came from."""

    block: A.Block
    file: str
    comments: tuple[A.Comment, ...]


@dataclass
class ModuleSource:
    dir: Path
    rel: str  # directory relative to the scan root ("." for the root)
    variables: dict[str, Decl] = field(default_factory=dict)
    locals: dict[str, tuple[A.Attribute, str]] = field(default_factory=dict)
    outputs: dict[str, Decl] = field(default_factory=dict)
    providers: dict[str, Decl] = field(default_factory=dict)
    resources: dict[str, Decl] = field(default_factory=dict)
    data: dict[str, Decl] = field(default_factory=dict)
    modules: dict[str, Decl] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def add_file(self, parsed: A.ParsedFile, rel_file: str) -> None:
        self.files.append(rel_file)
        comments = tuple(parsed.comments)
        for block in parsed.body.blocks:
            decl = Decl(block, rel_file, comments)
            labels = block.labels
            t = block.type
            if t == "resource" and len(labels) == 2:
                self.resources.setdefault(f"{labels[0]}.{labels[1]}", decl)
            elif t == "data" and len(labels) == 2:
                self.data.setdefault(f"{labels[0]}.{labels[1]}", decl)
            elif t == "variable" and labels:
                self.variables.setdefault(labels[0], decl)
            elif t == "output" and labels:
                self.outputs.setdefault(labels[0], decl)
            elif t == "module" and labels:
                self.modules.setdefault(labels[0], decl)
            elif t == "provider" and labels:
                alias = block.body.attributes.get("alias")
                key = labels[0]
                if alias is not None and isinstance(alias.expr, A.Literal):
                    key = f"{labels[0]}.{alias.expr.value}"
                self.providers.setdefault(key, decl)
            elif t == "locals":
                for name, attr in block.body.attributes.items():
                    self.locals.setdefault(name, (attr, rel_file))
