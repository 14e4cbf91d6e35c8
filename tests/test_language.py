"""The portal and the admin speak Bahasa Indonesia unless the visitor chooses English."""


def test_an_english_browser_still_gets_indonesian(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert "Berita terbaru" in response.content.decode()


def test_the_staff_login_is_indonesian_for_an_english_browser(client, db):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert response["Content-Language"] == "id"


def test_choosing_english_in_the_footer_switches_and_returns_to_the_page(client, db):
    response = client.get("/bahasa/en/?next=/berita/")
    assert response.status_code == 302
    assert response["Location"] == "/berita/"
    page = client.get("/berita/")
    assert page["Content-Language"] == "en"
    client.get("/bahasa/id/?next=/")
    assert client.get("/")["Content-Language"] == "id"


def test_the_language_switch_never_redirects_to_another_site(client, db):
    response = client.get("/bahasa/en/?next=https://evil.example.com/")
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(client, db):
    client.get("/bahasa/xx/?next=/")
    assert client.get("/")["Content-Language"] == "id"
