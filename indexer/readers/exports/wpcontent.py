"""A WordPress post's stored content as the public saw it rendered: embeds shown as
players, not URLs; page builders' layout shortcodes gone, their text kept."""

from __future__ import annotations

import re

# An embed shows a player or a card, not its URL: [embed]URL[/embed], a Gutenberg embed
# block's wrapper, and a URL alone on its line or paragraph (WordPress's auto-embed).
_EMBED_RES = (
    re.compile(r"\[embed\b[^\]]*\].*?\[/embed\]", re.I | re.S),
    re.compile(r"(<div class=\"wp-block-embed__wrapper\">)\s*https?://[^\s<]+\s*(</div>)", re.I),
    re.compile(r"^[ \t]*(?:<p>)?[ \t]*https?://[^\s<>\"]+[ \t]*(?:</p>)?[ \t]*$", re.I | re.M),
)
# Page builders (WPBakery's [vc_row], Divi's [et_pb_section], a theme's [mpc_divider ...])
# keep their layout as shortcodes in the content, shown rendered: a name with an
# underscore, or any name with attributes. The tags go, the text between them stays;
# [caption]/[wp_caption] are left to htmlclean, which keeps their caption attribute.
_BUILDER_SHORTCODE_RE = re.compile(
    r"\[/?(?P<name>[a-z][a-z0-9]*_[a-z0-9_-]*)(?:\s[^\[\]]*)?/?\]"
    r"|\[(?P<named>[a-z][\w-]*)\s+[\w-]+=[\"'][^\[\]]*\]",
    re.I,
)


def as_shown(content: str) -> str:
    """The content as the public saw it: embeds as players, builder layout rendered."""
    for pattern in _EMBED_RES:
        content = pattern.sub(lambda match: "".join(g or "" for g in match.groups()), content)
    return _BUILDER_SHORTCODE_RE.sub(_builder_tag, content)


def _builder_tag(match: re.Match[str]) -> str:
    name = (match.group("name") or match.group("named") or "").lower()
    return match.group(0) if name in ("caption", "wp_caption") else "\n\n"
