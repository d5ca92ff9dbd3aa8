"""The benchmark harness's own pieces (bench/): the bare view and the wrk output parser. No wrk,
no gunicorn and no timing here; `make bench` runs the real thing."""

import pytest

from bench import views, wrk

PAGE = b"<!doctype html><title>Produk</title><p>Lada Putih Muntok</p>"


@pytest.mark.urls("bench.urls")
def test_bare_view_answers_the_saved_bytes_through_the_portal_middleware(
    client, settings, tmp_path
):
    settings.BENCH_PAGES_DIR = tmp_path
    views.save_page(tmp_path, "list", PAGE, "text/html; charset=utf-8")

    response = client.get("/__bare__/list")

    assert response.status_code == 200
    assert response.content == PAGE
    assert response["Content-Type"] == "text/html; charset=utf-8"
    # Added by the portal's middleware, not by the view: the bare view pays for it too.
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" in response
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.urls("bench.urls")
def test_bare_view_serves_api_pages_with_their_content_type_and_404s_unknown_names(
    client, settings, tmp_path
):
    settings.BENCH_PAGES_DIR = tmp_path
    views.save_page(tmp_path, "api-list", b'{"count": 0}', "application/json")

    assert client.get("/__bare__/api-list")["Content-Type"] == "application/json"
    assert client.get("/__bare__/missing").status_code == 404


@pytest.mark.urls("bench.urls")
def test_bench_url_conf_still_serves_the_portal(client):
    assert client.get("/robots.txt").status_code == 200


WRK_OUTPUT = """\
Running 8s test @ http://127.0.0.1:8731/produk/
  2 threads and 8 connections
BENCH requests=4000 duration_us=8000000 bytes=123456789 connect_errors=0 read_errors=1 \
write_errors=0 status_errors=2 timeouts=0 p50_us=1500 p95_us=9200 p99_us=20100 max_us=30500 \
mean_us=2104.5
"""


def test_wrk_report_line_is_parsed():
    result = wrk.parse(WRK_OUTPUT)

    assert result.requests_per_second == 500.0
    assert (result.p50_us, result.p95_us, result.p99_us) == (1500, 9200, 20100)
    assert result.mean_us == 2104.5
    assert result.errors == 3  # a read error and two non-2xx/3xx answers


def test_wrk_output_without_the_report_line_is_an_error():
    with pytest.raises(ValueError, match="no BENCH line"):
        wrk.parse("Running 8s test @ http://127.0.0.1:8731/\nunable to connect\n")
