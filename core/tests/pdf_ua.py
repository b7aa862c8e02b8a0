"""The machine-checkable part of PDF/UA-1, checked on a PDF the service made (the `pdfua`
package, on pikepdf). What it cannot check, a person must (docs/accessibility.md): reading order,
the meaning of alternative text, colour contrast, whether headings say what follows them."""

from pdfua import validate


def assert_pdf_ua(pdf: bytes, tmp_path, name: str = "document.pdf") -> None:
    """No finding at all: errors, warnings and notes (the checker's heuristics included)."""
    path = tmp_path / name
    path.write_bytes(pdf)
    report = validate(str(path))
    findings = [
        f"{finding.rule_id} ({finding.severity.name}): {finding.message}"
        for finding in report.findings
    ]
    assert not findings, "\n".join(findings)
