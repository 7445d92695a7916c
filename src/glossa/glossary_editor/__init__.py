"""Safe glossary editing from the terminal: scriptable commands and a Textual editor.

``commands`` holds the editing operations, ``safety`` the atomic save with backup and
the concurrent-modification check, ``tui`` the interactive editor.
"""
