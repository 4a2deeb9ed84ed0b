"""HTML: the visible text of the page, with blocks on their own lines.

A streaming parser (the standard library's), so that deeply nested or broken markup
is read as far as it goes instead of failing. Scripts, styles, navigation, headers,
footers and cookie banners are dropped; table cells are separated by tabs so that
amounts stay next to their labels.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

DROP_TAGS = {
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
    "nav", "header", "footer", "aside", "form", "button", "select", "head", "canvas",
}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "thead", "tbody", "tfoot",
    "blockquote", "pre", "hr", "figure", "figcaption", "address", "details", "summary",
    "fieldset", "caption", "body", "html",
}
CELL_TAGS = {"td", "th"}
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
_NAVIGATION = re.compile(r"(^|[\s_-])(cookie|breadcrumb|skip-?link|navbar|menu|topbar)", re.I)
_DROP_ROLES = {"navigation", "banner", "contentinfo"}
_SPACES = re.compile(r"[ \t\u00a0]+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements and whether they are dropped

    @property
    def dropping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in VOID_TAGS:
            if not self.dropping and tag in {"br", "hr"}:
                self.parts.append("\n")
            return
        attributes = dict(attrs)
        marker = f"{attributes.get('id') or ''} {attributes.get('class') or ''}"
        drop = (
            self.dropping or tag in DROP_TAGS
            or (attributes.get("role") or "").lower() in _DROP_ROLES
            or (tag not in {"html", "body", "main", "article"} and bool(_NAVIGATION.search(marker)))
        )
        self.stack.append((tag, drop))
        if not drop:
            if tag in BLOCK_TAGS:
                self.parts.append("\n")
            if tag == "li":
                self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                dropped = self.stack[index][1]
                del self.stack[index:]
                if not dropped:
                    if tag in BLOCK_TAGS:
                        self.parts.append("\n")
                    elif tag in CELL_TAGS:
                        self.parts.append("\t")
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def _close_comment(markup: str) -> str:
    """Cut a comment that never closes, as browsers do (the parser would print it as text)."""
    opened = markup.rfind("<!--")
    if opened != -1 and markup.find("-->", opened + 4) == -1:
        return markup[:opened]
    return markup


def html_to_text(markup: str) -> str:
    """Extract the readable text of an HTML document."""
    parser = _TextExtractor()
    parser.feed(_close_comment(markup))
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(lines)
