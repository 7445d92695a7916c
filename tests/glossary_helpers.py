"""Shared fixtures for the glossary tests."""

from __future__ import annotations

from glossa.glossary import Glossary, loads

SAMPLE_TSV = (
    "# test glossary\n"
    "en\tpt\tru\tnote\tcase\tforbidden_pt\tsource\n"
    "Southern Front\tFrente Sul\tЮжный фронт\tarmed coalition\t\tFrente do Sul\twiki\n"
    "Security Council\tConselho de Segurança\tСовет Безопасности\tUN body\t\t\t\n"
    "# names\n"
    "Alexander Lavrentyev\tAlexander Lavrentyev\tАлександр Лаврентьев\tperson\t\t\t\n"
    "security update\tatualização de segurança\t\t\t\t\t\n"
    "log in\tentrar\t\t\t\t\t\n"
    "dark mode\tmodo escuro\t\t\t\t\t\n"
    "Apple Pay\tApple Pay\t\tproduct\tsensitive\t\t\n"
    "\n"
)


def sample() -> Glossary:
    return loads(SAMPLE_TSV, "tsv", "sample.tsv")
