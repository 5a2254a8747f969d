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
    local_blocks: list[tuple[A.Block, str]] = field(default_factory=list)
    _locals: dict[str, tuple[A.Attribute, str]] | None = None
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
                self.local_blocks.append((block, rel_file))
                self._locals = None

    @property
    def locals(self) -> dict[str, tuple[A.Attribute, str]]:
        """Every local value by name, built on first use (locals blocks can be large)."""
        if self._locals is None:
            self._locals = {}
            for block, rel_file in self.local_blocks:
                for name, attr in block.body.attributes.items():
                    self._locals.setdefault(name, (attr, rel_file))
        return self._locals
