"""The database goes away: friendly 503 pages, /healthz says so, and the site recovers by itself."""

import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection

from ppid.models import InformationRequest
from tests.ppid.conftest import form_data

PAGES = ["/", "/berita/", "/cari/?q=nelayan", "/ppid/informasi/", "/ppid/permohonan/"]
FRIENDLY = "Layanan untuk sementara tidak tersedia"


@contextmanager
def database_refuses_every_query():
    """What the driver raises when the server is gone (Django's own execute hook, any backend)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_a_friendly_503_while_the_database_is_down(client, agency, path):
    with database_refuses_every_query():
        response = client.get(path)
    assert response.status_code == 503
    body = response.content.decode()
    assert FRIENDLY in body and "Traceback" not in body
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert client.get(path).status_code in (200, 302)


@pytest.mark.django_db
def test_health_check_reports_the_outage_and_the_recovery(client):
    with database_refuses_every_query():
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"]["status"] == "down"
    assert client.get("/healthz").json()["status"] == "ok"


@pytest.mark.django_db
def test_a_request_filed_during_the_outage_is_not_half_saved(client, agency):
    with database_refuses_every_query():
        response = client.post("/ppid/permohonan/", form_data(agency))
    assert response.status_code == 503
    assert InformationRequest.objects.count() == 0


@pytest.mark.django_db
def test_the_staff_side_answers_503_too(client, writer):
    client.force_login(writer)
    with database_refuses_every_query():
        response = client.get("/admin/newsroom/article/")
    assert response.status_code == 503
    assert FRIENDLY in response.content.decode()


def wsgi(method, path, data=None):
    """One request through Django's real WSGI handler (request signals, connection upkeep)."""
    import io
    from urllib.parse import urlencode
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler

    body = urlencode(data or {}).encode()
    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "CONTENT_TYPE": "application/x-www-form-urlencoded",
               "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
               "SERVER_NAME": "localhost", "HTTP_HOST": "localhost"}  # fmt: skip
    setup_testing_defaults(environ)
    status = {}
    chunks = WSGIHandler()(environ, lambda s, headers: status.setdefault("code", int(s[:3])))
    text = b"".join(chunks).decode()
    getattr(chunks, "close", lambda: None)()
    return status["code"], text


@pytest.mark.django_db(transaction=True)
def test_postgres_connections_killed_and_server_gone_then_back(on_postgres, agency):
    """A real outage: connections killed by the server, then nothing listening, then back."""
    import psycopg2

    settings_dict = connection.settings_dict
    address = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "host": settings_dict["HOST"] or None,
        "port": settings_dict["PORT"] or 5432,
    }

    def ours():
        connection.ensure_connection()
        return connection.connection.get_backend_pid()

    def kill_connections():
        """Terminate every other backend of the test database; return their pids."""
        admin = psycopg2.connect(**address)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(array_agg(pid), '{}') FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            pids = cursor.fetchone()[0]
            cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) pid", [pids])
            # pg_terminate_backend only signals: wait until those backends are really gone.
            for _ in range(100):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", [pids])
                if cursor.fetchone()[0] == 0:
                    break
                time.sleep(0.05)
        admin.close()
        return pids

    assert settings_dict["CONN_HEALTH_CHECKS"] and settings_dict["CONN_MAX_AGE"] > 0
    assert wsgi("GET", "/berita/")[0] == 200
    assert connection.connection is not None  # kept for the next request (CONN_MAX_AGE)

    # 1. The server killed our connection: the next request finds it dead before using it
    #    (CONN_HEALTH_CHECKS), opens a new one and answers normally.
    assert ours() in kill_connections()
    assert wsgi("GET", "/berita/")[0] == 200
    assert wsgi("GET", "/healthz")[0] == 200

    # 2. Nothing answers at the database address: friendly 503s, nothing half-saved.
    real_port = settings_dict["PORT"]
    settings_dict["PORT"] = "1"
    try:
        assert ours() in kill_connections()
        status, body = wsgi("GET", "/berita/")
        assert status == 503 and FRIENDLY in body
        assert wsgi("GET", "/healthz")[0] == 503
        assert wsgi("POST", "/ppid/permohonan/", form_data(agency))[0] in (403, 503)
    finally:
        settings_dict["PORT"] = real_port

    # 3. Back: the site recovers by itself, without a restart.
    assert wsgi("GET", "/healthz")[0] == 200
    assert wsgi("GET", "/berita/")[0] == 200
    assert InformationRequest.objects.count() == 0


def test_error_handler_turns_a_database_error_anywhere_into_the_503_page():
    """handler500 covers failures outside views too (a middleware, the session save)."""
    from django.test import RequestFactory

    from humas.security import server_error

    request = RequestFactory().get("/")
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and FRIENDLY in response.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_answers_an_indonesian_404_with_the_site_navigation(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Halaman tidak ditemukan" in body and 'href="/berita/"' in body
