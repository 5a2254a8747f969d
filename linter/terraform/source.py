"""A Terraform module directory read from disk: its files, grouped declarations."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from ..hcl import ast as A
from ..records import dataclass

TERRAFORM_SUFFIXES = (".tf", ".tofu", ".tf.json", ".tofu.json")
TFVARS_SUFFIXES = (".tfvars", ".tfvars.json")


def is_terraform(name: str) -> bool:
    return name.endswith(TERRAFORM_SUFFIXES)


def is_tfvars(name: str) -> bool:
    return name.endswith(TFVARS_SUFFIXES)


def _stem(name: str) -> str:
    for suffix in (".tofu.json", ".tf.json", ".tofu", ".tf"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_override(name: str) -> bool:
    """`override.tf`, `*_override.tf` and their `.tofu` / `.tf.json` / `.tofu.json` forms."""
    stem = _stem(name)
    return stem == "override" or stem.endswith("_override")


def module_files(names: list[str]) -> tuple[list[str], list[str]]:
    """The files of one module directory as OpenTofu reads them: `x.tofu` replaces `x.tf` (and
    `x.tofu.json` replaces `x.tf.json`); ordinary files first, then override files, each in
    lexical order (override files are merged in that order)."""
    present = set(names)
    kept = []
    for name in names:
        if name.endswith(".tf") and f"{name[:-3]}.tofu" in present:
            continue
        if name.endswith(".tf.json") and f"{name[:-8]}.tofu.json" in present:
            continue
        kept.append(name)
    kept.sort()
    return [n for n in kept if not is_override(n)], [n for n in kept if is_override(n)]


def merge_body(base: A.Body, over: A.Body, per_argument: frozenset[str] = frozenset()) -> A.Body:
    """Terraform's override merge of one block body: an attribute replaces the attribute of the
    same name; nested blocks of a type the override names replace ALL base blocks of that type
    (their contents are not merged), except the types in `per_argument` (a resource's
    `lifecycle`), which are merged argument by argument."""
    attributes = {**base.attributes, **over.attributes}
    replaced = {b.type for b in over.blocks}
    blocks = [b for b in base.blocks if b.type not in replaced]
    for block in over.blocks:
        old = next((b for b in base.blocks if b.type == block.type), None)
        if block.type in per_argument and old is not None:
            block = A.Block(block.type, block.labels, merge_body(old.body, block.body),
                            block.pos)
        blocks.append(block)
    return A.Body(attributes, blocks)


_MERGE_PER_ARGUMENT = {"resource": frozenset({"lifecycle"})}


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
    local_overrides: dict[str, tuple[A.Attribute, str]] = field(default_factory=dict)
    _locals: dict[str, tuple[A.Attribute, str]] | None = None
    outputs: dict[str, Decl] = field(default_factory=dict)
    providers: dict[str, Decl] = field(default_factory=dict)
    resources: dict[str, Decl] = field(default_factory=dict)
    data: dict[str, Decl] = field(default_factory=dict)
    modules: dict[str, Decl] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def _table(self, block: A.Block) -> tuple[dict[str, Decl], str] | None:
        """The declarations table a top-level block belongs in, and its key there."""
        labels = block.labels
        t = block.type
        if t in ("resource", "data") and len(labels) == 2:
            table = self.resources if t == "resource" else self.data
            return table, f"{labels[0]}.{labels[1]}"
        if t == "provider" and labels:
            alias = block.body.attributes.get("alias")
            if alias is not None and isinstance(alias.expr, A.Literal):
                return self.providers, f"{labels[0]}.{alias.expr.value}"
            return self.providers, labels[0]
        tables = {"variable": self.variables, "output": self.outputs, "module": self.modules}
        if t in tables and labels:
            return tables[t], labels[0]
        return None

    def add_file(self, parsed: A.ParsedFile, rel_file: str) -> None:
        self.files.append(rel_file)
        comments = tuple(parsed.comments)
        for block in parsed.body.blocks:
            if block.type == "locals":
                self.local_blocks.append((block, rel_file))
                self._locals = None
                continue
            found = self._table(block)
            if found is not None:
                found[0].setdefault(found[1], Decl(block, rel_file, comments))

    def add_override(self, parsed: A.ParsedFile, rel_file: str) -> list[tuple[int, int, str]]:
        """Merge an override file into the declarations read so far, as Terraform does; returns
        (line, column, message) for each override block that has nothing to override.

        A merged declaration points at the override block: that is what the user changed, so
        findings, suppression comments and named-file (pre-commit) scans follow it there."""
        self.files.append(rel_file)
        comments = tuple(parsed.comments)
        problems: list[tuple[int, int, str]] = []
        for block in parsed.body.blocks:
            where = (block.pos.line, block.pos.column)
            if block.type == "locals":
                known = self.locals
                for name, attr in block.body.attributes.items():
                    if name not in known:
                        problems.append((attr.pos.line, attr.pos.column,
                                         f"override of local.{name}, which no other file "
                                         "defines (Terraform refuses this)"))
                    self.local_overrides[name] = (attr, rel_file)
                self._locals = None
                continue
            found = self._table(block)
            if found is None:  # terraform {} settings and the like: nothing exitlint reads
                continue
            table, key = found
            base = table.get(key)
            if base is None:
                # Terraform refuses the configuration; the block is still checked as written,
                # so a refused override can never hide a link.
                problems.append((*where, f"override of {block.type} {key!r}, which no other "
                                 "file declares (Terraform refuses this)"))
                table[key] = Decl(block, rel_file, comments)
                continue
            body = merge_body(base.block.body, block.body,
                              _MERGE_PER_ARGUMENT.get(block.type, frozenset()))
            merged = A.Block(base.block.type, base.block.labels, body, block.pos)
            table[key] = Decl(merged, rel_file, comments)
        return problems

    @property
    def locals(self) -> dict[str, tuple[A.Attribute, str]]:
        """Every local value by name, built on first use (locals blocks can be large); a local
        in an override file replaces the one of that name, whichever block defined it."""
        if self._locals is None:
            self._locals = {}
            for block, rel_file in self.local_blocks:
                for name, attr in block.body.attributes.items():
                    self._locals.setdefault(name, (attr, rel_file))
            self._locals.update(self.local_overrides)
        return self._locals
