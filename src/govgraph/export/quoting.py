"""All the escaping of text for DOT, HTML-like labels and Mermaid, in one place.

Any text a user writes — quotes, ``<``, ``&``, backslashes, newlines,
right-to-left and other non-Latin scripts — must come out as written and must
never end a string early, add an attribute or a node, or start a directive.
Control characters, which no output format can show, become their visible
Unicode "control pictures"; unpaired surrogates become U+FFFD.
"""

from __future__ import annotations

import re

__all__ = [
    "TOOLTIP_LIMIT",
    "HtmlLabel",
    "attribute",
    "dot_id",
    "dot_string",
    "html",
    "mermaid_id",
    "mermaid_text",
    "shorten",
    "visible",
]

#: Characters of a tooltip kept (Graphviz refuses a string of 16 KB or more;
#: escaped, a character takes at most 4 bytes).
TOOLTIP_LIMIT = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x7F:
        return "\u2421"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(0x2400 + code)


def visible(text: str) -> str:
    """Replace characters no diagram can show with visible stand-ins.

    >>> visible("a\\x00b\\x1bc")
    'a␀b␛c'
    >>> visible("tab\\tand newline\\n stay")
    'tab\\tand newline\\n stay'
    """
    return _CONTROL.sub(_picture, text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut.

    Names may be as long as their authors like; a diagram shows the start of a
    very long one (Graphviz cannot draw a label of 16 KB or more), the tooltip
    more of it.

    >>> shorten("Health and Wellbeing Board", 40)
    'Health and Wellbeing Board'
    >>> shorten("Health and Wellbeing Board", 12)
    'Health and…'
    >>> len(shorten("x" * 1_000_000, 240))
    240
    """
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "\u2026"


def dot_string(text: str) -> str:
    """A DOT double-quoted string whose label shows ``text`` exactly.

    Backslashes are doubled (Graphviz reads ``\\N``, ``\\G``, ``\\l`` in labels as
    escapes), quotes escaped, newlines become ``\\n``.

    >>> print(dot_string('say "hi"'))
    "say \\"hi\\""
    >>> print(dot_string("back\\\\slash \\\\N"))
    "back\\\\slash \\\\N"
    >>> print(dot_string("two\\nlines"))
    "two\\nlines"
    >>> print(dot_string('"]; evil [shape=star'))
    "\\"]; evil [shape=star"
    """
    escaped = visible(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


class HtmlLabel(str):
    """Markup for a Graphviz HTML-like label, already escaped with :func:`html`.

    Only values of this type are written unquoted (``<...>``); every other
    attribute value goes through :func:`dot_string`, whatever it looks like.

    >>> print(attribute(HtmlLabel("<B>x</B>")), attribute("<B>x</B>"))
    <<B>x</B>> "<B>x</B>"
    """


def attribute(value: str, key: str = "label") -> str:
    r"""An attribute value for DOT: HTML-like labels in angle brackets, anything else quoted.

    Graphviz expands escapes in tooltips twice (``\N`` would still become the
    node's name), so a tooltip's backslashes are doubled once more; a tooltip
    is cut to :data:`TOOLTIP_LIMIT` characters.

    >>> print(attribute("a\\N", "tooltip"), attribute("a\\N", "label"))
    "a\\\\N" "a\\N"
    >>> len(attribute("x" * 100_000, "tooltip"))
    2002
    """
    if isinstance(value, HtmlLabel):
        return f"<{value}>"
    if key == "tooltip":
        return dot_string(shorten(value, TOOLTIP_LIMIT).replace("\\", "\\\\"))
    return dot_string(value)


def dot_id(text: str) -> str:
    """A DOT identifier: always quoted, so keywords like ``node`` or ``graph`` are safe.

    >>> dot_id("node")
    '"node"'
    """
    return dot_string(text)


def html(text: str) -> str:
    r"""Text for a Graphviz HTML-like label; newlines become line breaks.

    Graphviz expands ``\N``, ``\G``, ``\E``, ``\T``, ``\H`` and ``\L`` in HTML-like
    labels too (to the node's, graph's, edge's, tail's, head's names and the
    object's label), entities included (``&#92;N`` is still ``\N``), and reads a
    doubled backslash as one; so every backslash is doubled.

    >>> print(html(r"Council \N \G \E \T \H \L \l \r \n \\ end"))
    Council \\N \\G \\E \\T \\H \\L \\l \\r \\n \\\\ end
    >>> html("Children & <Young> People's \"group\"")
    'Children &amp; &lt;Young&gt; People&#39;s &quot;group&quot;'
    >>> html("a\nb")
    'a<BR/>b'
    >>> html("مجلس الصحة")
    'مجلس الصحة'
    >>> html("]]> <!-- -->")
    '&#93;&#93;&gt; &lt;!-- --&gt;'
    """
    escaped = (
        visible(text)
        .replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("]", "&#93;")  # Graphviz 2.43 rejects a ']' straight after a tag
    )
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<BR/>")


_MERMAID_SAFE = re.compile(r"[\w ,.:/()-]", re.UNICODE)


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: anything but letters, digits and plain
    punctuation becomes a numeric entity, so no quote, bracket, pipe, ``%%`` or
    markdown backtick can escape the label.

    >>> mermaid_text('Say "hi" <b>&amp; %%{init}%% `md` [x] |y|')
    'Say #34;hi#34; #60;b#62;#38;amp#59; #37;#37;#123;init#125;#37;#37; #96;md#96; #91;x#93; #124;y#124;'
    >>> mermaid_text("two\\nlines")
    'two<br>lines'
    >>> mermaid_text("Ελληνικά 中文")
    'Ελληνικά 中文'
    """
    lines = visible(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(
        "".join(char if _MERMAID_SAFE.fullmatch(char) else f"#{ord(char)};" for char in line) for line in lines
    )


def mermaid_id(body_id: str) -> str:
    """A Mermaid node id for a body id: slug characters outside ``[A-Za-z0-9_]`` are encoded,
    and a prefix keeps ids such as ``end`` or ``graph`` from being keywords.

    >>> mermaid_id("spg-mh.v2")
    'b_spg_2dmh_2ev2'
    """
    return "b_" + "".join(char if char.isascii() and (char.isalnum()) else f"_{ord(char):x}" for char in body_id)
