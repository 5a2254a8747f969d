"""Read Terraform files from disk into module sources, with errors kept per file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..discovery import outside_root
from ..hcl import ast as A
from ..hcl.json_syntax import parse_json
from ..hcl.parser import HclSyntaxError, Headers, ParseOutcome, parse_expression, parse_hcl, scan_headers
from ..model import ScanError
from ..repositories import Repositories
from .expressions import Evaluator
from .observe import Recorder, recorded_load_dir, recorded_parse, recorded_read
from .relevance import file_matters
from .source import ModuleSource, is_terraform, module_files
from .values import Unknown

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


class FileReader:
    """Reads and parses each file once; problems become ScanErrors, never exceptions."""

    def __init__(self, display: Callable[[Path], str], max_size: int = DEFAULT_MAX_FILE_SIZE,
                 allowed_root: Repositories | None = None) -> None:
        self.display = display
        self.max_size = max_size
        # Symlinked files are read only when their target is inside these repositories (default:
        # the git work tree holding the link, else the current directory); EVERYWHERE for
        # --allow-outside-root.
        self.allowed_root = allowed_root
        self.errors: dict[str, ScanError] = {}
        self.parsed: dict[Path, A.ParsedFile | None] = {}
        self.sources: dict[Path, ModuleSource | None] = {}
        self.late_errors: list[tuple[str, HclSyntaxError]] = []  # filled by lazy conversions
        self.recorder = Recorder()  # what was read, for the result cache (observe.py)
        # the checked resource types as one pattern (relevance.type_pattern); None: every
        # file matters and scan_dir always declines
        self.relevance: Any = None
        self.headers: dict[Path, list[Headers] | None] = {}  # scan_dir's, per resolved directory

    def _error(self, path: Path, line: int, column: int, message: str) -> None:
        rel = self.display(path)
        self.errors.setdefault(rel, ScanError(rel, line, column, message))

    @recorded_read
    def read_bytes(self, path: Path) -> bytes | None:
        if outside_root(path, self.allowed_root):
            self._error(path, 1, 1, "symlink to a file outside the repository; not read "
                        "(use --allow-outside-root to read it)")
            return None
        try:
            size = path.stat().st_size
            if not path.is_file():
                self._error(path, 1, 1, "not a regular file; skipped")
                return None
            if size > self.max_size:
                self._error(path, 1, 1, f"file is {size} bytes, over the --max-file-size limit "
                            f"of {self.max_size}; skipped")
                return None
            data = path.read_bytes()
        except OSError as exc:
            self._error(path, 1, 1, f"cannot read file: {exc.strerror or exc}")
            return None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self._error(path, 1, 1, "file is UTF-16 encoded; Terraform files must be UTF-8")
            return None
        if b"\x00" in data[:8192]:
            self._error(path, 1, 1, "binary file (contains NUL bytes); not Terraform")
            return None
        data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            # Terraform refuses such a file; report where, and still parse the rest (invalid
            # bytes read as U+FFFD) so the file's other findings are not lost.
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            self._error(path, line, column, f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); "
                        "Terraform files must be UTF-8")
        return data

    @recorded_parse
    def parse(self, path: Path) -> A.ParsedFile | None:
        if path in self.parsed:
            return self.parsed[path]
        data = self.read_bytes(path)
        result: A.ParsedFile | None = None
        if data is not None:
            rel = self.display(path)
            outcome = parse_source(data, rel, path.name, self.late_errors)
            if outcome.error is not None:
                self._error(path, outcome.error.line, outcome.error.column, outcome.error.message)
            result = outcome.file
        self.parsed[path] = result
        return result

    def collect_deferred(self) -> None:
        """Errors found while converting block bodies on demand (after parsing)."""
        while self.late_errors:
            rel, err = self.late_errors.pop(0)
            self.errors.setdefault(rel, ScanError(rel, err.line, err.column, err.message))

    @recorded_load_dir
    def load_dir(self, directory: Path) -> ModuleSource | None:
        directory = directory.resolve()
        if directory in self.sources:
            return self.sources[directory]
        source: ModuleSource | None = None
        try:
            names = sorted(p.name for p in directory.iterdir() if is_terraform(p.name))
        except OSError:
            names = []
        if names:
            source = ModuleSource(directory, self.display(directory))
            ordinary, overrides = module_files(names)
            for name in ordinary:
                parsed = self.parse(directory / name)
                if parsed is not None:
                    source.add_file(parsed, self.display(directory / name))
            for name in overrides:  # after every other file, as Terraform merges them
                parsed = self.parse(directory / name)
                if parsed is not None:
                    for line, column, message in source.add_override(
                            parsed, self.display(directory / name)):
                        self._error(directory / name, line, column, message)
        self.sources[directory] = source
        return source


    @recorded_load_dir
    def scan_dir(self, directory: Path) -> list[Headers] | None:
        """The top-level declarations of a module directory's files, read without converting
        any block body (relevance.py); None when a file matters to a check, or the directory
        needs the full parse (nothing to read, override or JSON files, a syntax error)."""
        if self.relevance is None:
            return None
        directory = directory.resolve()
        if directory not in self.headers:
            self.headers[directory] = self._scan_dir(directory)
        return self.headers[directory]

    def _scan_dir(self, directory: Path) -> list[Headers] | None:
        try:
            names = sorted(p.name for p in directory.iterdir() if is_terraform(p.name))
        except OSError:
            return None
        ordinary, overrides = module_files(names)
        if not ordinary or overrides:
            return None
        out = []
        for name in ordinary:
            data = self.read_bytes(directory / name)
            if data is None or file_matters(name, data, self.relevance):
                return None
            headers = scan_headers(data)
            if headers is None:
                return None
            out.append(headers)
        return out


def parse_source(data: bytes, rel: str, name: str,
                 sink: list[tuple[str, HclSyntaxError]] | None = None) -> ParseOutcome:
    if name.endswith(".json"):
        return parse_json(data, rel, tfvars=name.endswith(".tfvars.json"))
    return parse_hcl(data, rel, sink=sink, all_comments=False)


class _LiteralScope:
    """tfvars may hold only literal values: every reference is Unknown."""

    def root(self, name: str) -> Any:
        return Unknown(f"{name} cannot be referenced in a tfvars file")

    def with_vars(self, values: dict[str, Any]) -> _LiteralScope:
        return self

    def file_text(self, path: str) -> str | Unknown:
        return Unknown("files cannot be read from tfvars")


def tfvars_values(parsed: A.ParsedFile) -> dict[str, Any]:
    ev = Evaluator()
    scope = _LiteralScope()
    return {name: ev.evaluate(attr.expr, scope) for name, attr in parsed.body.attributes.items()}


def cli_var_value(raw: str) -> Any:
    """A `--var NAME=VALUE` value: an HCL literal when it looks like one (as Terraform reads
    `-var`), else the text itself."""
    text = raw.strip()
    if not (text[:1] in ('"', "[", "{") or text in ("true", "false", "null")
            or text.lstrip("-").isdigit()):
        return raw
    try:
        return Evaluator().evaluate(parse_expression(raw), _LiteralScope())
    except HclSyntaxError:
        return raw


def auto_tfvars(directory: Path) -> list[Path]:
    """terraform.tfvars(.json) then *.auto.tfvars(.json) in lexical order, as Terraform reads them."""
    out = [directory / n for n in ("terraform.tfvars", "terraform.tfvars.json")
           if (directory / n).is_file()]
    try:
        autos = sorted(p for p in directory.iterdir()
                       if p.name.endswith((".auto.tfvars", ".auto.tfvars.json")))
    except OSError:
        autos = []
    return out + autos
