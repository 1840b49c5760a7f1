"""Sanitising and scrubbing: an allow-list for markup from outputs (nothing can become script), and
the replacements that make executed notebooks reproducible (no paths, addresses or random ids)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

_ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})


_GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir", "align", "valign", "colspan",
                           "rowspan", "border", "scoped", "width", "height", "start", "type"})


def _allow_attr(tag: str, name: str, value: str) -> bool:
    if name in _GLOBAL_ATTRS or name == "style":  # style: filtered by bleach's CSS sanitizer
        return True
    if tag == "a" and name == "href":
        return not value.strip().lower().startswith("data:")
    if tag == "img" and name == "src":
        return value.strip().lower().startswith("data:image/")
    return tag == "img" and name == "alt"


# CSS that loads something (or hides what it does behind escapes): a <style> holding any of it is dropped.
_CSS_LOADS = re.compile(r"@import|@font-face|@namespace|url\s*\(|image(?:-set)?\s*\(|expression\s*\(|"
                        r"-moz-binding|behavior\s*:|\\", re.IGNORECASE)


_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)


_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)


def css_loads(css: str) -> bool:
    """Whether a stylesheet fetches anything (``@import``, ``url(…)``, fonts…) or uses CSS escapes.

    >>> css_loads(".x { color: red }"), css_loads("@import url(http://x/a.css);")
    (False, True)
    """
    return bool(_CSS_LOADS.search(_CSS_COMMENT.sub("", css)))


def _drop_loading_styles(markup: str) -> str:
    return _STYLE_ELEMENT.sub(lambda m: "" if css_loads(m.group(1)) else m.group(0), markup)


def clean_html(markup: str | bytes) -> str:
    """Sanitise an HTML fragment with an allow-list (tables, text, embedded images, ``<style>``).

    Disallowed tags (``<script>``, ``<iframe>``, ``<svg>``…) are escaped so they show as text,
    ``on*`` attributes are dropped, links may only use http(s), mailto or in-page anchors, and a
    ``<style>`` element that loads anything (``@import``, ``url(…)``) is dropped whole.

    >>> clean_html('<p onclick="x()">a</p><script>alert(1)</script>')
    '<p>a</p>&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> clean_html('<style>@import url(http://x.test/a.css);</style><p>b</p>')
    '<p>b</p>'
    """
    import bleach  # a dependency of nbconvert; the maintained allow-list sanitizer it uses itself
    from bleach.css_sanitizer import CSSSanitizer

    text = markup.decode() if isinstance(markup, bytes) else str(markup)
    cleaned = bleach.clean(text, tags=_ALLOWED_TAGS, attributes=_allow_attr,
                           protocols={"http", "https", "mailto", "data"}, strip_comments=True,
                           css_sanitizer=CSSSanitizer())
    # bleach serialises through html5lib: a <style> element in its output is a real one (text that
    # merely looks like a tag is escaped), so this pattern sees exactly the style elements.
    return _drop_loading_styles(cleaned)


class _MarkupAudit(HTMLParser):
    """Collects what could run script or fetch from the network in an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _REMOTE_CSS.search(data):
            self.problems.append("<style> loading from the network")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag in {"script", "iframe", "object", "embed", "base", "frame", "applet"}:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute on <{tag}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value.startswith(
                ("javascript:", "vbscript:")
            ):
                self.problems.append(f"{value.split(':')[0]}: URL in <{tag} {name}>")
            if (tag == "link" or name == "src") and value.startswith(("http:", "https:", "//")):
                self.problems.append(f"external resource <{tag} {name}>")

    handle_startendtag = handle_starttag


def unsafe_markup(document: str) -> list[str]:
    """What in ``document`` could run script or load from the network (empty: safe, offline).

    >>> unsafe_markup('<p>&lt;script&gt;</p>')
    []
    >>> unsafe_markup('<img src=x onerror=alert(1)>')
    ['onerror= attribute on <img>']
    """
    audit = _MarkupAudit()
    audit.feed(document)
    audit.close()
    return audit.problems


# In the whole page (our template's own CSS embeds icons as data: URLs): only what reaches the network.
_REMOTE_CSS = re.compile(r"@import|url\s*\(\s*[\"']?\s*(?!data:)(?:[a-z]+:)?//", re.IGNORECASE)


_EXTERNAL_TAG = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>|<link\b[^>]*\bhref\s*=\s*[\"']?"
    r"(?:https?:)?//[^>]*>",
    re.IGNORECASE,
)


_ADDRESS = re.compile(r"\bat 0x(?!ADDRESS)[0-9a-fA-F]+")


_STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?![0-9a-zA-Z])")


_TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml")


def _replacer(replacements: Sequence[tuple[str, str]]):
    pairs: list[tuple[str, str]] = []
    for old, new in replacements:
        if old and len(old) > 1:
            pairs.append((old, new))
            if html.escape(old) != old:
                pairs.append((html.escape(old), html.escape(new)))
    pairs.sort(key=lambda p: -len(p[0]))

    def scrub(text: str) -> str:
        for old, new in pairs:
            if old in text:
                text = text.replace(old, new)
        return _ADDRESS.sub("at 0xADDRESS", text)

    return scrub


def _scrub_notebook(nb, scrub) -> None:
    """Remove what varies between runs (in place): timings, paths, random ids, addresses."""
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)
    styler_ids: dict[str, str] = {}

    def styler(match: re.Match) -> str:
        return styler_ids.setdefault(match.group(0), f"T_s{len(styler_ids):04d}")

    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
        for key in ("papermill", "execution", "ExecuteTime"):
            cell.metadata.pop(key, None)
        cell.source = scrub(cell.source)
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("execution", None)
            if "text" in out:
                out["text"] = scrub("".join(out["text"]) if isinstance(out["text"], list)
                                    else out["text"])
            for mime in _TEXT_MIMES:
                value = out.get("data", {}).get(mime)
                if value is not None:
                    value = scrub("".join(value) if isinstance(value, list) else value)
                    if mime == "text/html":
                        value = _STYLER_ID.sub(styler, value)
                    out["data"][mime] = value
            if out.get("output_type") == "error":
                out["ename"] = scrub(out.get("ename", ""))
                out["evalue"] = scrub(out.get("evalue", ""))
                out["traceback"] = [scrub(line) for line in out.get("traceback", [])]

