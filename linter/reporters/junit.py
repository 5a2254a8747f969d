"""JUnit XML: one test case per check, file, resource and root module (the way CI dashboards show
lint results): a module evaluated from two roots is two cases, named `address [root]`.

A finding is a `<failure>` carrying the message (type = severity); a suppressed one is `<skipped>`;
a check with no finding is one passing test case, so the suite lists every check that ran; a file
that could not be read is an `<error>` test case. Deterministic: no timestamps, no host names.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import IO

from ..model import Finding, ScanResult
from . import ReportOptions, one_line, shown_root, terminal_safe

# What XML 1.0 cannot carry, even as a character reference: C0 controls but tab, LF and CR;
# lone surrogates (bytes of a non-UTF-8 file name); U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """`text` as XML 1.0 can hold it: each forbidden character as a visible escape (`\\x1b`,
    a file name's byte `\\xff`). Every attribute and text node goes through here."""
    return _XML_ILLEGAL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return f"\\u{ord(char):04x}" if char in "\ufffe\uffff" else terminal_safe(char)


def _where(f: Finding) -> str:
    return f"{f.span.file}:{f.span.line}:{f.span.column}"


# check ID, resource address, file, root module as shown ("" outside Terraform and for ".")
_CaseKey = tuple[str, str, str, str]


def _case_key(f: Finding) -> _CaseKey:
    return (f.check_id, f.resource, f.span.file, shown_root(f) or "")


def _case_name(resource: str, root: str) -> str:
    # the root in the name too: dashboards tell cases apart by classname and name alone
    return f"{resource} [{root}]" if root else resource


def _failure_text(f: Finding) -> str:
    lines = [f"{_where(f)}: {f.check_id} {f.severity.value} {f.resource}", f"  {f.message}"]
    lines += [f"  via {o.file}:{o.line}: {o.what}" for o in f.related]
    if f.fix:
        lines.append(f"  fix: {one_line(f.fix)}")
    return "\n".join(lines)


def junit_tree(result: ScanResult) -> ET.Element:
    groups: dict[_CaseKey, list[Finding]] = defaultdict(list)
    for f in result.findings:
        groups[_case_key(f)].append(f)
    suites = ET.Element("testsuites", name="exitlint")
    suite = ET.SubElement(suites, "testsuite", name="exitlint")
    tests = failures = skipped = errors = 0
    with_findings = {key[0] for key in groups}
    cases: list[tuple[tuple[str, ...], ET.Element]] = []
    for (cid, resource, file, root), found in sorted(groups.items()):
        first = found[0]
        case = ET.Element("testcase", classname=cid, name=_clean(_case_name(resource, root)),
                          file=_clean(file), line=str(first.span.line))
        active = [f for f in found if not f.suppressed]
        if active:
            failures += 1
            worst = max(active, key=lambda f: f.severity.rank)
            failure = ET.SubElement(case, "failure", type=worst.severity.value,
                                    message=_clean(worst.message))
            failure.text = _clean("\n".join(_failure_text(f) for f in active))
        else:
            skipped += 1
            a = found[0].approval
            reason = (f"approved: exit {a.exit_id}, {a.carrier} approval {a.approval}"
                      if a is not None else
                      f"{found[0].status}: {found[0].suppression_reason or 'suppressed'}")
            ET.SubElement(case, "skipped", message=_clean(reason))
        cases.append(((cid, "1", resource, file, root), case))
    for check in result.checks:  # every check that ran and found nothing is a passing case
        if check.id not in with_findings:
            case = ET.Element("testcase", classname=check.id, name=f"{check.name}: no findings")
            cases.append(((check.id, "0", ""), case))
    for e in result.errors:
        case = ET.Element("testcase", classname="exitlint.input", name=_clean(e.file),
                          file=_clean(e.file), line=str(e.line))
        err = ET.SubElement(case, "error", type="input", message=_clean(e.message))
        err.text = _clean(f"{e.file}:{e.line}:{e.column}: {e.message}")
        errors += 1
        cases.append((("~", e.file, f"{e.line}:{e.column}"), case))
    for _, case in sorted(cases, key=lambda item: item[0]):
        suite.append(case)
        tests += 1
    for el in (suites, suite):
        el.set("tests", str(tests))
        el.set("failures", str(failures))
        el.set("errors", str(errors))
        el.set("skipped", str(skipped))
    return suites


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    tree = junit_tree(result)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(tree, encoding="unicode"))
    stream.write("\n")
