"""`glossa translate` on real i18n catalogues (i18next, Angular, Chrome, Flutter ARB, Rails
YAML from devise and kaminari) with the bundled en->pt model, read back with independent
readers: the json module, ruamel.yaml and translate-toolkit's stores."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from translate.storage import jsonl10n
from translate.storage import yaml as tt_yaml

from glossa.formats import icu

DATA = Path(__file__).parent / "data" / "catalogs"
PLACEHOLDER = re.compile(r"%\{\w+\}|\{\{\w+\}\}|\{\$?\w+\}|</?\d+>|\$\w+\$|\$\d|<[^>]+>|&\w+;")


def _translate(cli, tmp_path: Path, name: str, *extra: str) -> Path:
    src = tmp_path / name
    shutil.copy(DATA / name, src)
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm", *extra])
    assert result.code == 0, result.err
    assert src.read_bytes() == (DATA / name).read_bytes()  # never overwrite the input
    return src


def _leaves(value, prefix=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, value


def _check_values(source: dict, target: dict, allow_same: int = 0) -> None:
    """Same keys, every placeholder (ICU: the whole structure) kept, (almost) every value
    translated."""
    before, after = dict(_leaves(source)), dict(_leaves(target))
    added = [k for k in after if k not in before]
    assert [k for k in after if k in before] == list(before)
    assert all(k.endswith(".many") for k in added), added  # plural keys pt needs
    same = [k for k in before if isinstance(before[k], str) and before[k] == after[k]
            and re.search("[A-Za-z]{3}", before[k])]
    assert len(same) <= allow_same, same
    for key, value in before.items():
        if isinstance(value, str) and icu.looks_like_icu(value):
            assert icu.skeleton(after[key]) == icu.skeleton(value), key
        elif isinstance(value, str):
            kept = sorted(PLACEHOLDER.findall(after[key]))
            assert sorted(PLACEHOLDER.findall(value)) == kept, key


def test_i18next_nested_json(tmp_path, cli):
    src = _translate(cli, tmp_path, "react-i18next.en.json")
    out = tmp_path / "react-i18next.pt.json"
    source, target = json.loads(src.read_text()), json.loads(out.read_text())
    _check_values(source, target)
    assert target["description"]["part1"].count("<1>src/App.js</1>") == 1
    store = jsonl10n.I18NextV4File.parsestring(out.read_bytes())
    original = jsonl10n.I18NextV4File.parsestring(src.read_bytes())
    assert [u.getid() for u in store.units] == [u.getid() for u in original.units]
    # only the value lines changed: the layout is the input's
    assert [ln.split(":")[0] for ln in out.read_text().splitlines()] == \
        [ln.split(":")[0] for ln in src.read_text().splitlines()]


def test_i18next_icu_catalogue_keeps_message_structure(tmp_path, cli):
    src = _translate(cli, tmp_path, "react-icu.en.json")
    out = tmp_path / "react-icu.pt.json"
    source, target = json.loads(src.read_text()), json.loads(out.read_text())
    assert list(source) == list(target)  # keys (ICU messages themselves) never translated
    for key, value in source.items():
        if icu.looks_like_icu(value):
            assert icu.skeleton(target[key]) == icu.skeleton(value), key
    assert target["icu"].startswith("{numPersons, plural, =0 {")
    assert target["icu"] != source["icu"]
    assert "<0>{name}</0>" in target["Welcome, <0>{name}</0>!"]


def test_angular_json_keeps_interpolations_and_icu(tmp_path, cli):
    src = _translate(cli, tmp_path, "angular.en.json")
    target = json.loads((tmp_path / "angular.pt.json").read_text())
    source = json.loads(src.read_text())
    _check_values(source, target, allow_same=1)  # "locale": "en-US" is not prose
    assert target["translations"]["introductionHeader"].startswith("\n  ")
    assert icu.skeleton(target["translations"]["minutes"]) == \
        icu.skeleton(source["translations"]["minutes"])


def test_chrome_extension_messages(tmp_path, cli):
    name = "chrome-download-manager.messages.json"
    src = _translate(cli, tmp_path, name)
    out = tmp_path / "chrome-download-manager.messages.pt.json"
    source, target = json.loads(src.read_text()), json.loads(out.read_text())
    assert list(source) == list(target)
    for key in source:
        assert target[key].get("description") == source[key].get("description")
        assert target[key].get("placeholders") == source[key].get("placeholders")
    changed = [k for k in source if target[k]["message"] != source[k]["message"]]
    assert len(changed) >= len(source) * 0.8  # month abbreviations ("Jan", "Nov") stay
    store = jsonl10n.WebExtensionJsonFile.parsestring(out.read_bytes())
    assert [u.getid() for u in store.units] == list(source)
    assert store.units[0].getnotes() == "Extension name"


def test_flutter_arb(tmp_path, cli):
    src = _translate(cli, tmp_path, "app_en.arb")
    out = tmp_path / "app_pt.arb"
    source, target = json.loads(src.read_text()), json.loads(out.read_text())
    assert target["@@locale"] == "pt"
    assert list(source) == list(target)
    for key, value in source.items():
        if key.startswith("@"):
            assert key == "@@locale" or target[key] == value
        else:
            assert target[key] != value
            assert icu.skeleton(target[key]) == icu.skeleton(value)
    assert "{userName}" in target["helloUser"]
    store = jsonl10n.ARBJsonFile.parsestring(out.read_bytes())
    assert {u.getid() for u in store.units} >= {"appTitle", "helloUser", "itemCount"}


def test_devise_rails_locale_named_by_language(tmp_path, cli):
    src = tmp_path / "locales" / "en.yml"
    src.parent.mkdir()
    shutil.copy(DATA / "devise.en.yml", src)
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code == 0, result.err
    out = tmp_path / "locales" / "pt.yml"
    source = YAML(typ="safe").load(src.read_text())["en"]
    target = YAML(typ="safe").load(out.read_text())["pt"]
    _check_values(source, target, allow_same=2)
    assert target["errors"]["messages"]["not_saved"]["many"] == \
        target["errors"]["messages"]["not_saved"]["other"]
    # the comment line, the quoting and the key lines stay as they were
    text_in, text_out = src.read_text().splitlines(), out.read_text().splitlines()
    assert text_out[0] == text_in[0] and text_out[2] == "pt:"
    keys = [ln.split(":")[0] for ln in text_in[3:]]
    assert [ln.split(":")[0] for ln in text_out[3:] if "many:" not in ln] == keys
    assert sum(ln.count('"') for ln in text_out) >= sum(ln.count('"') for ln in text_in)
    store = tt_yaml.RubyYAMLFile.parsestring(out.read_bytes())
    original = tt_yaml.RubyYAMLFile.parsestring(src.read_bytes())
    assert [u.getid() for u in store.units] == [u.getid() for u in original.units]


def test_kaminari_plurals_and_entities(tmp_path, cli):
    _translate(cli, tmp_path, "kaminari.en.yml")
    out = (tmp_path / "kaminari.pt.yml").read_text()
    data = YAML(typ="safe").load(out)["pt"]
    assert data["views"]["pagination"]["truncate"] == "&hellip;"
    assert data["views"]["pagination"]["first"].startswith("&laquo; ")
    entries = data["helpers"]["page_entries_info"]["one_page"]["display_entries"]
    assert set(entries) == {"zero", "one", "other", "many"}
    assert "%{entry_name}" in entries["many"]
    more = data["helpers"]["page_entries_info"]["more_pages"]["display_entries"]
    assert "%{first}–%{last}" in more


@pytest.mark.parametrize("name, content, message", [
    ("bad.json", '{\n  "a": "x",\n  "a": "y"\n}\n', "bad.json:3: duplicate key 'a'"),
    ("bad.json", '{\n  "a": "x"\n  "b": 1\n}\n', "bad.json:3: invalid JSON"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested more than"),
    ("bad.yml", "en:\n  a: [x\n", "bad.yml:3: invalid YAML"),
    ("bomb.yml", "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh",
                                                                      strict=True)),
     "alias bomb"),
])
def test_broken_catalogues_give_one_line_and_exit_2(tmp_path, cli, name, content, message):
    src = tmp_path / name
    src.write_text(content)
    result = cli(["translate", src, "--from", "en", "--to", "pt", "--engine", "bergamot",
                  "--no-tm"])
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written


def test_catalogue_and_its_translation_pair_into_bilingual_units(tmp_path, cli):
    from glossa.api import read_document
    from glossa.formats import arb, yamlcat

    _translate(cli, tmp_path, "devise.en.yml")
    units = yamlcat.units(read_document(tmp_path / "devise.en.yml"),
                          read_document(tmp_path / "devise.pt.yml"))
    assert (units[0].source_lang, units[0].target_lang) == ("en", "pt")
    by_id = {u.id: u for u in units}
    unit = by_id["devise.failure.invalid"]
    assert unit.source == "Invalid %{authentication_keys} or password."
    assert unit.state == "translated" and "%{authentication_keys}" in unit.target
    assert unit.line == 12
    _translate(cli, tmp_path, "app_en.arb")
    units = arb.units(read_document(tmp_path / "app_en.arb"),
                      read_document(tmp_path / "app_pt.arb"))
    assert [u.id for u in units] == ["appTitle", "helloUser", "itemCount", "pronoun",
                                     "lastUpdated"]
    assert units[0].notes == ["The title of the application, shown in the app bar"]
    assert units[0].target == "Lista de compras"
    assert (units[0].source_lang, units[0].target_lang) == ("en", "pt")


def test_symfony_yaml_with_mixed_languages_and_a_glossary(tmp_path, cli):
    src = tmp_path / "messages.pt.yaml"
    src.write_text("# Symfony translations\n"
                   "menu:\n"
                   "    open: 'Abrir o ficheiro'\n"
                   "    upload: 'Upload %count% photos to the cloud'\n"
                   "welcome: Welcome back, %name%!\n", encoding="utf-8")
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("en\tpt\ncloud\tnuvem digital\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = cli(["translate", src, "--to", "pt", "--engine", "bergamot", "--no-tm",
                  "-g", glossary, "-o", out])
    assert result.code == 0, result.err
    data = YAML(typ="safe").load(out.read_text())
    assert data["menu"]["open"] == "Abrir o ficheiro"  # already Portuguese: left alone
    assert "%count%" in data["menu"]["upload"] and "nuvem digital" in data["menu"]["upload"]
    assert "%name%" in data["welcome"] and "Welcome" not in data["welcome"]
    text = out.read_text()
    assert text.startswith("# Symfony translations\nmenu:\n    open: 'Abrir o ficheiro'\n")
    assert "    upload: '" in text


def test_directory_walk_translates_catalogues_but_not_project_config(tmp_path, cli):
    (tmp_path / "app" / "locales" / "en").mkdir(parents=True)
    shutil.copy(DATA / "react-i18next.en.json", tmp_path / "app" / "locales" / "en" /
                "translation.json")
    package = '{\n  "name": "demo",\n  "description": "A small demo app"\n}\n'
    (tmp_path / "app" / "package.json").write_text(package)
    (tmp_path / "app" / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n")
    result = cli(["translate", tmp_path / "app", "--from", "en", "--to", "pt", "--engine",
                  "bergamot", "--no-tm", "--out-dir", tmp_path / "out"])
    assert result.code == 0, result.err
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")
                     if p.is_file())
    assert written == ["locales/en/translation.pt.json"]
