#!/usr/bin/env python3
"""Edit glossaries safely from the terminal (same as `glossa glossary ...`).

    scripts/glossary_editor.py news.tsv                       # interactive editor
    scripts/glossary_editor.py add news.tsv --en "Southern Front" --ru "Южный фронт"
    scripts/glossary_editor.py validate news.tsv

See docs/glossary-editor.md.
"""

import sys
from pathlib import Path

try:
    from glossa.commands.glossary import script_main
except ModuleNotFoundError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from glossa.commands.glossary import script_main

if __name__ == "__main__":
    sys.exit(script_main(sys.argv[1:], prog=Path(sys.argv[0]).name))
