"""Rich text may embed a YouTube video from youtube-nocookie.com, exactly in that one form; every
other frame is removed, and the public pages' policy lets only that host be framed."""

import re

import pytest

from humas.security import ADMIN_POLICY, PUBLIC_POLICY
from newsroom.sanitize import sanitize_html

VIDEO = "dQw4w9WgXcQ"
GOOD_SRC = f"https://www.youtube-nocookie.com/embed/{VIDEO}"
FIXED = {
    "src": GOOD_SRC,
    "width": "560",
    "height": "315",
    "loading": "lazy",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "allow": "encrypted-media; picture-in-picture; fullscreen",
    "sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups",
}


def frames(html: str) -> list[dict]:
    found = []
    for attributes in re.findall(r"<iframe([^>]*)>", html):
        found.append(dict(re.findall(r'\s([a-z-]+)="([^"]*)"', attributes)))
    return found


def test_a_nocookie_embed_is_kept_with_fixed_attributes_only():
    html = sanitize_html(f'<p>Video:</p><iframe src="{GOOD_SRC}" title="Rapat kerja"></iframe>')
    [frame] = frames(html)
    assert frame == {**FIXED, "title": "Rapat kerja"}
    assert html.startswith("<p>Video:</p>")


def test_an_embed_without_a_title_gets_one_for_screen_readers():
    [frame] = frames(sanitize_html(f'<iframe src="{GOOD_SRC}"></iframe>'))
    assert frame["title"] == "Video YouTube"


def test_sanitising_twice_changes_nothing():
    once = sanitize_html(f'<iframe src="{GOOD_SRC}" title="A &amp; B > C"></iframe><p>x</p>')
    assert sanitize_html(once) == once


@pytest.mark.parametrize(
    "src",
    [
        f"https://evil.example/embed/{VIDEO}",
        f"https://www.youtube.com/embed/{VIDEO}",
        f"https://youtube.com/embed/{VIDEO}",
        f"https://youtube-nocookie.com/embed/{VIDEO}",
        f"http://www.youtube-nocookie.com/embed/{VIDEO}",
        f"//www.youtube-nocookie.com/embed/{VIDEO}",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        f"https://www.youtube-nocookie.com.evil.example/embed/{VIDEO}",
        f"https://evil.example/?u=https://www.youtube-nocookie.com/embed/{VIDEO}",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}/../../evil",
        "https://www.youtube-nocookie.com/embed/short",
        "https://www.youtube-nocookie.com/watch?v=" + VIDEO,
        f"https://user@www.youtube-nocookie.com/embed/{VIDEO}",
        f"https://www.youtube-nocookie.com:8443/embed/{VIDEO}",
        "",
    ],
)
def test_a_frame_of_anything_else_is_removed_whole(src):
    html = sanitize_html(f'<p>a</p><iframe src="{src}">fallback <b>text</b></iframe><p>b</p>')
    assert "<iframe" not in html
    assert "fallback" not in html
    assert html == "<p>a</p><p>b</p>"


@pytest.mark.parametrize(
    "extra",
    [
        'onload="alert(1)"',
        'srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"',
        'sandbox="allow-top-navigation allow-scripts"',
        'allow="camera; microphone; geolocation"',
        'style="position:fixed;inset:0"',
        'width="5000" height="5000"',
        'name="x" id="y" class="z"',
        'referrerpolicy="unsafe-url"',
        'loading="eager"',
    ],
)
def test_extra_attributes_are_replaced_by_the_fixed_ones(extra):
    [frame] = frames(sanitize_html(f'<iframe {extra} src="{GOOD_SRC}" title="t"></iframe>'))
    assert frame == {**FIXED, "title": "t"}


def test_script_inside_a_good_frame_is_dropped():
    html = sanitize_html(f'<iframe src="{GOOD_SRC}"><script>alert(1)</script></iframe>')
    assert "<script" not in html and "alert" not in html


def test_other_embedding_tags_stay_forbidden():
    html = sanitize_html(
        f'<object data="{GOOD_SRC}"></object><embed src="{GOOD_SRC}">'
        f'<frame src="{GOOD_SRC}"><video src="https://x.example/v.mp4"></video>'
    )
    assert "<object" not in html and "<embed" not in html and "<frame" not in html
    assert "<video" not in html


def test_public_pages_may_frame_only_the_nocookie_host():
    assert PUBLIC_POLICY["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert "https://www.youtube.com" not in ADMIN_POLICY["frame-src"]
    assert set(ADMIN_POLICY["frame-src"]) == {"'self'", "https://www.youtube-nocookie.com"}


def test_the_public_header_names_the_host(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com;" in policy


def test_the_editor_is_told_which_frames_would_be_removed():
    from newsroom.sanitize import refused_frames

    assert refused_frames(f'<p>x</p><iframe src="{GOOD_SRC}"></iframe>') == []
    [youtube] = refused_frames(f'<iframe src="https://www.youtube.com/embed/{VIDEO}"></iframe>')
    assert GOOD_SRC in youtube
    [other] = refused_frames('<iframe src="https://evil.example/x"></iframe>')
    assert "evil.example" in other
    assert len(refused_frames('<iframe src="javascript:alert(1)"></iframe><iframe></iframe>')) == 2


def test_saving_an_article_with_a_foreign_frame_says_so_and_keeps_the_text(client, writer,
                                                                           agency):  # fmt: skip
    client.force_login(writer)
    body = f'<p>Tonton videonya.</p><iframe src="https://www.youtube.com/embed/{VIDEO}"></iframe>'
    response = client.post("/admin/newsroom/article/add/", {
        "agency": agency.pk, "title": "Video kegiatan", "slug": "", "lead": "Ringkas.",
        "body": body, "cover_caption": "", "cover_credit": "", "cover_alt": "",
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "youtube-nocookie.com" in page
    assert "Tonton videonya." in page
