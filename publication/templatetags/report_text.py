"""How the reviewers' text reads in the report: paragraphs, and the lists they type."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# "* point", "- point", "• point" (bulleted); "1. point", "1) point" (numbered).
_BULLET = re.compile(r"^\s*[*\-•‣◦]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _kind(line: str) -> tuple[str, str]:
    """("ul" or "ol", the item's text) for a list item, ("p", the line) for any other line."""
    bullet = _BULLET.match(line)
    if bullet:
        return "ul", bullet.group(1)
    numbered = _NUMBERED.match(line)
    if numbered:
        return "ol", numbered.group(1)
    return "p", line


@register.filter(is_safe=True)
def paragraphs(text: str) -> str:
    """Text as the reviewers typed it, escaped: blank lines part paragraphs, a line break
    within one stays, and lines that start like a list item ("* ", "- ", "1. ") become a
    bulleted or numbered list, as Word would show them (not "* Point one" in the PDF)."""
    html: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        # Consecutive lines of one kind (a paragraph, a bulleted or a numbered list) group.
        groups: list[tuple[str, list[str]]] = []
        for line in (line for line in block.split("\n") if line.strip()):
            kind, words = _kind(line)
            if groups and groups[-1][0] == kind:
                groups[-1][1].append(words.strip())
            else:
                groups.append((kind, [words.strip()]))
        for kind, lines in groups:
            escaped = [escape(line) for line in lines]
            if kind == "p":
                html.append("<p>" + "<br>".join(escaped) + "</p>")
            else:
                html.append(
                    f"<{kind}>" + "".join(f"<li>{item}</li>" for item in escaped) + f"</{kind}>"
                )
    return mark_safe("\n".join(html))  # noqa: S308 (every piece of text is escaped above)
