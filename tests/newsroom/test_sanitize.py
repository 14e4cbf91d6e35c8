"""Rich text is cleaned with an allow-list before it is stored, and again when it is shown."""

import re

import pytest

from newsroom.models import Article

ATTACK = (
    '<p>Halo <script>alert("xss")</script>warga</p>'
    '<img src="/media/a.jpg" onerror="alert(1)" alt="Foto">'
    '<a href="javascript:alert(2)">klik</a>'
    '<a href="https://kalteng.go.id/" onclick="steal()">portal</a>'
    '<p style="color:red" onmouseover="x()">gaya</p>'
    '<iframe src="https://evil.example/"></iframe>'
    "<svg><script>alert(3)</script></svg>"
    '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="data">'
)
KEPT = (
    "<h2>Subjudul</h2><p><strong>Tebal</strong>, <em>miring</em> dan <u>garis</u>.</p>"
    "<ul><li>satu</li></ul><ol><li>dua</li></ol><blockquote><p>Kutipan</p></blockquote>"
    '<table><thead><tr><th scope="col">Kolom</th></tr></thead><tbody><tr><td>Isi</td></tr>'
    "</tbody></table>"
)


@pytest.fixture
def attacked(agency, writer, make_article):
    return make_article(agency, writer, body=ATTACK + KEPT)


def assert_clean(html):
    lowered = html.lower()
    assert "<script" not in lowered
    assert "alert(" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered and "onmouseover" not in lowered
    assert "javascript:" not in lowered
    assert "<iframe" not in lowered
    assert "style=" not in lowered
    assert "data:image" not in lowered


def test_stored_body_has_no_scripts_handlers_or_javascript_links(attacked):
    attacked.refresh_from_db()
    assert_clean(attacked.body)
    assert "Halo" in attacked.body and "warga" in attacked.body


def test_allowed_markup_is_kept(attacked):
    attacked.refresh_from_db()
    for fragment in [
        "<h2>Subjudul</h2>", "<strong>Tebal</strong>", "<em>miring</em>", "<u>garis</u>",
        "<li>satu</li>", "<blockquote>", '<th scope="col">Kolom</th>', "<td>Isi</td>",
        'alt="Foto"', 'href="https://kalteng.go.id/"', 'rel="noopener noreferrer"',
    ]:  # fmt: skip
        assert fragment in attacked.body


def test_rendered_article_page_is_clean(client, attacked):
    body = client.get(attacked.get_absolute_url()).content.decode()
    article_html = body.split('class="article-body prose">', 1)[1].split("</div>", 1)[0]
    assert_clean(article_html)
    assert "<strong>Tebal</strong>" in article_html


def test_text_written_to_the_database_directly_is_cleaned_when_shown(client, attacked):
    Article.objects.filter(pk=attacked.pk).update(body=ATTACK)  # bypasses save()
    body = client.get(attacked.get_absolute_url()).content.decode()
    # The page's own scripts: its schema.org data block (JSON with <, > and & escaped, so the
    # attack cannot close it) and static files. Nothing of the attack may run.
    body = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", body)
    body = re.sub(r'<script src="/static/[^"<>]+\.js" defer></script>', "", body)
    assert "<script" not in body.lower()
    assert "onerror" not in body.lower()


def test_title_and_lead_are_escaped_not_interpreted(client, agency, writer, make_article):
    article = make_article(agency, writer, title="<b>Judul</b>", lead='<img src=x onerror="a()">')
    body = client.get(article.get_absolute_url()).content.decode()
    assert "<b>Judul</b>" not in body and "&lt;b&gt;Judul&lt;/b&gt;" in body
    assert "<img src=x" not in body
