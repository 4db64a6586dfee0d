"""Junk is not post text (issue 20): server error dumps, script and JSON blobs, icon-font
glyphs and cookie banners are taken out of every reader's passages on the way to the
index; a page whose body is mostly junk is reported and not indexed as a post.

The junk is reduced from real pages of ../shared/fixtures/html-eval/ (trafilatura's
evaluation pages; provenance and licence in that folder's README):
colours-of-the-soul.alhelm.net (a WordPress plugin's PHP "Strict Standards" dumps before
the page), bettycrocker.com.pineapple (a script's source in the text, and its text
rendering's cookie notice), chefkoch.de.mandarinen (icon-font glyphs)."""

from __future__ import annotations

from pathlib import Path

from indexer.build.manifest import file_hash
from indexer.build.parsing import parse_file
from indexer.readers.junk import clean_text

PHP = (
    "Strict Standards: Non-static method nggGallery::get_option() should not be called "
    "statically in /www/htdocs/w00a2ebd/wp-content/plugins/nextgen-gallery/nggallery.php "
    "on line 1075"
)
SCRIPT = (
    "(function() { document.addEventListener('DOMContentLoaded', function() { var "
    "componentMetadata = JSON.parse('\\x7b\\x22id\\x22'); window.loadComponent(componentMetadata); "
    "}); })();"
)
PROSE = (
    "Aber es gibt noch den Sinn, den man weder schmecken, fühlen, hören, sehen oder riechen "
    "kann. Den würde ich Intuition nennen, und er hat mich selten getäuscht."
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><article class="post hentry"><h1 class="entry-title">{title}</h1>
<div class="entry-content">{body}</div></article></body></html>"""


def _parse(tmp_path: Path, title: str, body: str) -> tuple[list[str], list[str]]:
    """The passages' texts and the warnings of indexing a saved page."""
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    parsed = parse_file(path, str(path), file_hash(path))
    assert parsed.error is None and isinstance(parsed.posts, list)
    return [p.text for post in parsed.posts for p in post.passages], parsed.warnings


def test_server_error_dumps_go_even_wrapped_by_a_text_rendering() -> None:
    wrapped = PHP.replace("/wp-content/", "/wp-content/\n")  # w3m's line break at 100
    assert clean_text(f"{PHP}\n\n{wrapped}\n\n{PROSE}") == PROSE
    assert (
        clean_text(f"Warning: Cannot modify header information in /x/y.php on line 3 {PROSE}")
        == PROSE
    )


def test_a_script_paragraph_goes_and_code_in_prose_or_config_stays() -> None:
    config = "BTS_SMTP_HOST=mail.wgdd.de:587\nBTS_SMTP_AUTH_USERNAME='user'"
    prose = "Write var x = 1; at the top, then call the function (it returns nothing)."
    assert clean_text(f"Easy Pineapple Upside-Down Cake\n\n{SCRIPT}\n\n{prose}\n\n{config}") == (
        f"Easy Pineapple Upside-Down Cake\n\n{prose}\n\n{config}"
    )
    assert clean_text('{"@context": "https://schema.org", "@type": "Recipe", "name": "Cake"}') == ""


def test_icon_font_glyphs_and_cookie_banners_go_cookies_in_a_recipe_stay() -> None:
    assert (
        clean_text("\ue192 30 Min. \ue202 normal \ue916 10.10.2006") == "30 Min. normal 10.10.2006"
    )
    banner = (
        "This feature is not available with your current cookie settings.\n\n"
        "You can update your privacy settings to enable this content."
    )
    recipe = "Bake the cookies for 12 minutes, then let them settle on the tray."
    assert clean_text(f"{banner}\n\n{recipe}") == (
        "You can update your privacy settings to enable this content.\n\n" + recipe
    )
    assert clean_text("Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.") == ""


def test_a_page_mostly_junk_is_reported_not_indexed(tmp_path: Path) -> None:
    body = "".join(f"<br /><b>{PHP}</b><br />" for _ in range(6)) + f"<p>{PROSE}</p>"
    texts, warnings = _parse(tmp_path, "Gaby’s - Colours of the Soul", body)
    assert texts == []
    assert any("its body is mostly junk (server error messages" in w for w in warnings)


def test_a_page_mostly_junk_with_a_post_in_it_keeps_the_post(tmp_path: Path) -> None:
    # The saved front page of colours-of-the-soul: 261 dumps between its posts' paragraphs.
    dump = (
        "<br />\n<b>Strict Standards</b>:  Non-static method nggGallery::i18n() should not be "
        "called statically in <b>/www/htdocs/w00a2ebd/wp-content/plugins/nextgen-gallery/"
        "nggfunctions.php</b> on line <b>737</b><br />\n"
    )
    body = "".join(dump * 6 + f"<p>{PROSE}</p>" for _ in range(12))
    texts, warnings = _parse(tmp_path, "Gaby’s - Colours of the Soul", body)
    assert texts == ["\n\n".join([PROSE] * 12)]
    kept = [w for w in warnings if "mostly junk (server error messages" in w]
    assert kept and "its text kept" in kept[0]


def test_junk_is_taken_out_of_a_post_that_is_mostly_text(tmp_path: Path) -> None:
    body = f"<p>{PROSE}</p><p>{SCRIPT}</p><p>{PROSE}</p><p>\ue192 30 Min.</p>"
    texts, warnings = _parse(tmp_path, "Ein Beitrag", body)
    assert texts == [f"{PROSE}\n\n{PROSE}\n\n30 Min."]
    assert not any("junk" in w for w in warnings)
