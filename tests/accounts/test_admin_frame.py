"""The staff admin frame: every admin page names the site icon, so browsers stop asking for a
missing /favicon.ico on each page."""


def test_admin_pages_name_the_site_icon(client, writer):
    client.force_login(writer)
    html = client.get("/admin/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
