from glossa.cli import entry

entry()
