"""`glossa serve` driven by real, unmodified LibreTranslate clients and raw HTTP.

Every server is a real `glossa serve` subprocess on 127.0.0.1 with the bundled Bergamot
en<->pt models; answers are compared with glossa's offline translation of the same text.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import httpx
import pytest

from serve_helpers import NEWS_GLOSSARY, start_server

SENTENCES = [
    "The library opens at nine.", "My brother works in a hospital.",
    "We visited the museum last summer.", "The train was late again this morning.",
    "She bought fresh bread at the market.", "The meeting has been moved to Friday.",
    "Please close the window before you leave.", "The children are playing in the garden.",
]


@cache
def offline(text: str, to: str = "pt", from_: str = "en", glossary: bool = False) -> str:
    """What `glossa translate` makes of ``text`` (same pipeline, no server)."""
    from glossa.api import translate_text

    return translate_text(text, to=to, from_=from_,
                          glossary=[NEWS_GLOSSARY] if glossary else None)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The everyday server: the news glossary, the default TM, no keys."""
    running = start_server(tmp_path_factory.mktemp("serve"), "-g", str(NEWS_GLOSSARY))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    """A server that needs API keys, with a char limit and a small body limit."""
    state = tmp_path_factory.mktemp("keyed")
    keys = state / "keys.txt"
    keys.write_text("# glossa serve keys\nsecret-one\nslow-key 2/min\n", encoding="utf-8")
    running = start_server(state, "--api-keys", str(keys), "--char-limit", "200",
                           "--max-body", "4000", "--req-limit", "1000/min")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def batching(tmp_path_factory):
    """A server whose batches wait 400 ms for company, so concurrent requests meet."""
    running = start_server(tmp_path_factory.mktemp("batching"), "--batch-window", "400")
    yield running
    running.stop()


# --- real clients ---------------------------------------------------------------------------


def test_libretranslatepy_translates_with_glossary_terms_enforced(server):
    from libretranslatepy import LibreTranslateAPI

    client = LibreTranslateAPI(server.url)
    sentence = "The Security Council met in Ankara on Monday."
    out = client.translate(sentence, "en", "pt")
    assert out == offline(sentence, glossary=True)
    assert "Conselho de Segurança" in out and "Ancara" in out  # TSV glossary terms
    assert client.translate("Bom dia, meus amigos.", "pt", "en") == offline(
        "Bom dia, meus amigos.", "en", "pt", glossary=True)


def test_libretranslatepy_detect_and_languages(server):
    from libretranslatepy import LibreTranslateAPI

    client = LibreTranslateAPI(server.url)
    detected = client.detect("Bom dia, como vai você? Hoje está muito calor.")
    assert detected[0]["language"] == "pt" and 0 < detected[0]["confidence"] <= 100
    languages = {lang["code"]: lang for lang in client.languages()}
    assert "pt" in languages["en"]["targets"] and "en" in languages["pt"]["targets"]
    assert languages["pt"]["name"] == "Portuguese"


def test_deep_translator_libretranslator_with_custom_url(server):
    from deep_translator import LibreTranslator

    translator = LibreTranslator(source="en", target="pt", api_key="unused",
                                 custom_url=server.url + "/")
    assert translator.translate(SENTENCES[0]) == offline(SENTENCES[0], glossary=True)
    assert translator.translate_batch(SENTENCES[1:3]) == [offline(s, glossary=True)
                                                          for s in SENTENCES[1:3]]


# --- raw HTTP: the API --------------------------------------------------------------------


def test_get_with_query_string_as_the_omegat_plugin_sends_it(server):
    reply = httpx.get(f"{server.url}/translate",
                      params={"q": SENTENCES[3], "source": "en", "target": "pt"})
    assert reply.status_code == 200
    assert reply.json() == {"translatedText": offline(SENTENCES[3], glossary=True)}


def test_json_list_with_auto_detects_each_item_on_its_own(server):
    items = ["Bom dia, meus amigos.", "The train was late again this morning."]
    reply = httpx.post(f"{server.url}/translate", json={"q": items, "source": "auto",
                                                        "target": "en", "alternatives": 2})
    body = reply.json()
    assert reply.status_code == 200, body
    assert [d["language"] for d in body["detectedLanguage"]] == ["pt", "en"]
    assert body["translatedText"] == [offline(items[0], "en", "pt", glossary=True), items[1]]
    assert body["alternatives"] == [[], []]


def test_html_format_keeps_the_tags(server):
    text = "<p>The <b>United Nations</b> met in <i>Astana</i>.</p>"
    reply = httpx.post(f"{server.url}/translate", data={"q": text, "source": "en",
                                                        "target": "pt", "format": "html"})
    out = reply.json()["translatedText"]
    assert out.startswith("<p>") and out.endswith("</p>")
    assert "<b>Nações Unidas</b>" in out and "<i>Astana</i>" in out


def test_translate_file_returns_a_url_serving_the_translated_file(server, tmp_path):
    from glossa.api import translate_file

    source = tmp_path / "talk.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:03,000\nThe Security Council met today.\n\n"
                      "2\n00:00:04,000 --> 00:00:06,000\nShe bought fresh bread.\n",
                      encoding="utf-8")
    reply = httpx.post(f"{server.url}/translate_file", data={"source": "en", "target": "pt"},
                       files={"file": ("talk.srt", source.read_bytes())})
    assert reply.status_code == 200, reply.text
    url = reply.json()["translatedFileUrl"]
    assert url.startswith(server.url) and url.endswith("/talk.pt.srt")
    downloaded = httpx.get(url)
    assert downloaded.status_code == 200
    expected = tmp_path / "expected.srt"
    translate_file(source, "pt", "en", expected, glossary=[NEWS_GLOSSARY])
    assert downloaded.content == expected.read_bytes()
    assert "Conselho de Segurança" in downloaded.text
    gone = httpx.get(url.rsplit("/", 2)[0] + "/0123abcd/talk.pt.srt")
    assert gone.status_code == 404 and "error" in gone.json()


def test_translate_file_refuses_unknown_and_binary_files(server):
    unknown = httpx.post(f"{server.url}/translate_file", data={"source": "en", "target": "pt"},
                         files={"file": ("photo.jpg", b"\xff\xd8\xff\xe0")})
    assert unknown.status_code == 400 and "not supported" in unknown.json()["error"]
    binary = httpx.post(f"{server.url}/translate_file", data={"source": "en", "target": "pt"},
                        files={"file": ("notes.txt", b"abc\x00\x01\x02")})
    assert binary.status_code == 400 and "binary" in binary.json()["error"]


def test_frontend_settings_and_health(server):
    settings = httpx.get(f"{server.url}/frontend/settings").json()
    assert settings["keyRequired"] is False and settings["charLimit"] == -1
    assert ".po" in settings["supportedFilesFormat"] and settings["glossaries"] == ["news"]
    assert httpx.get(f"{server.url}/health").json() == {"status": "ok"}


def test_glossary_none_turns_enforcement_off(server):
    sentence = "The talks took place in Ankara."
    reply = httpx.post(f"{server.url}/translate", json={"q": sentence, "source": "en",
                                                        "target": "pt", "glossary": "none"})
    assert reply.json()["translatedText"] == offline(sentence)
    unknown = httpx.post(f"{server.url}/translate", json={"q": sentence, "source": "en",
                                                          "target": "pt", "glossary": "legal"})
    assert unknown.status_code == 400 and "legal" in unknown.json()["error"]


def test_review_returns_the_qa_issues_of_glossa_review(server):
    reply = httpx.post(f"{server.url}/glossa/review", json={
        "q": ["The Security Council met on 3 May.", "She bought bread."],
        "translatedText": ["O Conselho reuniu-se a 4 de maio.", "Ela comprou pão."],
        "source": "en", "target": "pt"})
    body = reply.json()
    assert reply.status_code == 200, body
    kinds = {issue["kind"] for issue in body["segments"][0]["issues"]}
    assert {"term", "number"} <= kinds
    assert body["segments"][1]["issues"] == []
    assert body["signature"]["glossary"] is not None


@pytest.mark.parametrize(("request_kwargs", "status", "words"), [
    ({"data": {"source": "en", "target": "pt"}}, 400, "missing q"),
    ({"data": {"q": "Hello", "source": "en"}}, 400, "missing target"),
    ({"data": {"q": "Hello", "source": "en", "target": "xx"}}, 400, "not supported"),
    ({"data": {"q": "Hello", "source": "en", "target": "ru"}}, 400, "not available"),
    ({"data": {"q": "Hello", "source": "en", "target": "pt", "format": "xml"}}, 400, "format"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "JSON"),
    ({"json": {"q": [1, 2], "source": "en", "target": "pt"}}, 400, "list of strings"),
])
def test_errors_in_libretranslate_shape(server, request_kwargs, status, words):
    reply = httpx.post(f"{server.url}/translate", **request_kwargs)
    assert reply.status_code == status
    assert set(reply.json()) == {"error"} and words in reply.json()["error"]
    assert "Traceback" not in reply.text


def test_unknown_route_is_a_json_error(server):
    reply = httpx.get(f"{server.url}/nothing-here")
    assert reply.status_code == 404 and "error" in reply.json()


# --- keys and limits ------------------------------------------------------------------------


def test_keys_are_required_when_a_keys_file_is_given(keyed):
    from deep_translator import LibreTranslator
    from deep_translator.exceptions import AuthorizationException

    data = {"q": "Good morning.", "source": "en", "target": "pt"}
    assert httpx.post(f"{keyed.url}/translate", data=data).status_code == 403
    wrong = httpx.post(f"{keyed.url}/translate", data={**data, "api_key": "guess"})
    assert wrong.status_code == 403 and "API key" in wrong.json()["error"]
    right = httpx.post(f"{keyed.url}/translate", data={**data, "api_key": "secret-one"})
    assert right.json() == {"translatedText": offline("Good morning.")}
    good = LibreTranslator(source="en", target="pt", api_key="secret-one",
                           custom_url=keyed.url + "/")
    assert good.translate("Good morning.") == offline("Good morning.")
    with pytest.raises(AuthorizationException):
        LibreTranslator(source="en", target="pt", api_key="guess",
                        custom_url=keyed.url + "/").translate("Good morning.")
    assert httpx.get(f"{keyed.url}/frontend/settings").json()["keyRequired"] is True


def test_per_key_rate_limit_answers_429(keyed):
    data = {"q": "Good night.", "source": "en", "target": "pt", "api_key": "slow-key"}
    codes = [httpx.post(f"{keyed.url}/translate", data=data).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    other = httpx.post(f"{keyed.url}/translate", data={**data, "api_key": "secret-one"})
    assert other.status_code == 200  # the limit is per key


def test_character_and_body_limits(keyed):
    long_text = "The train was late again. " * 10
    over = httpx.post(f"{keyed.url}/translate", data={"q": long_text, "source": "en",
                                                      "target": "pt", "api_key": "secret-one"})
    assert over.status_code == 400 and "exceeds text limit (200)" in over.json()["error"]
    huge = httpx.post(f"{keyed.url}/translate_file",
                      data={"source": "en", "target": "pt", "api_key": "secret-one"},
                      files={"file": ("big.txt", b"Hello there.\n" * 1000)})
    assert huge.status_code == 413 and "error" in huge.json()


# --- batching and the TM --------------------------------------------------------------------


def test_concurrent_requests_become_one_engine_call(batching):
    before = batching.stats()

    def ask(sentence: str) -> str:
        reply = httpx.post(f"{batching.url}/translate",
                           data={"q": sentence, "source": "en", "target": "pt", "tm": "off"},
                           timeout=60)
        return reply.json()["translatedText"]

    with ThreadPoolExecutor(len(SENTENCES)) as pool:
        answers = list(pool.map(ask, SENTENCES))
    after = batching.stats()
    assert answers == [offline(s) for s in SENTENCES]
    assert after["engine_calls"] - before["engine_calls"] == 1
    assert after["batches"] - before["batches"] == 1
    assert after["texts"] - before["texts"] == len(SENTENCES)


def test_the_tm_answers_repeats_without_the_engine(batching):
    sentence = "Our neighbours have a very friendly dog."
    data = {"q": sentence, "source": "en", "target": "pt"}
    first = httpx.post(f"{batching.url}/translate", data=data).json()
    before = batching.stats()
    again = httpx.post(f"{batching.url}/translate", data=data).json()
    after = batching.stats()
    assert first == again == {"translatedText": offline(sentence)}
    assert after["engine_calls"] == before["engine_calls"]
    assert after["from_tm"] - before["from_tm"] == 1
    httpx.post(f"{batching.url}/translate", data={**data, "tm": "off"})
    assert batching.stats()["engine_calls"] == after["engine_calls"] + 1


def test_graceful_shutdown_finishes_the_request_in_flight(tmp_path):
    running = start_server(tmp_path / "state", "--batch-window", "700", "--no-tm")
    result: dict = {}

    def ask() -> None:
        reply = httpx.post(f"{running.url}/translate",
                           data={"q": SENTENCES[4], "source": "en", "target": "pt"}, timeout=60)
        result["reply"] = reply

    thread = threading.Thread(target=ask)
    thread.start()
    time.sleep(0.3)  # the request is waiting in its batch window
    running.process.send_signal(signal.SIGTERM)
    thread.join(60)
    # uvicorn shuts down cleanly, then re-raises the signal it caught: exit by SIGTERM
    assert running.process.wait(30) in (0, -signal.SIGTERM)
    assert result["reply"].status_code == 200
    assert result["reply"].json() == {"translatedText": offline(SENTENCES[4])}


# --- the command ----------------------------------------------------------------------------


def test_serve_without_the_extra_says_how_to_install_it(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn -> ImportError
    result = cli(["serve"])
    assert result.code == 2
    assert result.err.count("\n") == 1 and "pip install 'glossa[serve]'" in result.err


def test_serve_rejects_a_bad_keys_file_in_one_line(cli, tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text("one two three\n", encoding="utf-8")
    result = cli(["serve", "--api-keys", keys])
    assert result.code == 2 and "keys.txt:1" in result.err
    assert cli(["serve", "--req-limit", "lots"]).code == 2


def test_libretranslate_json_shapes_are_plain_json(server):
    reply = httpx.post(f"{server.url}/translate", json={"q": "Hello.", "source": "en",
                                                        "target": "pt"})
    assert reply.headers["content-type"] == "application/json"
    assert json.loads(reply.text) == {"translatedText": offline("Hello.", glossary=True)}


def test_serve_reports_a_busy_port_and_a_broken_tm_in_one_line(cli, tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli(["serve", "--port", port, "--no-tm"])
    assert result.code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.err
    broken = tmp_path / "tm.sqlite"
    broken.write_bytes(b"this is not a database at all")
    result = cli(["serve", "--port", "0", "--tm", broken])
    assert result.code == 2 and "not a glossa translation memory" in result.err
    assert result.err.count("\n") == 1
