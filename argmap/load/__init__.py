"""Loading maps: bounded reads, YAML/JSON parsing with positions, the file format, validation.

In the order a map file goes through them:

- ``files``: the one bounded reader of text files (maps, source documents, imports).
- ``parse``: text to plain data, YAML or JSON, syntax errors located; ``fastpath`` is
  ruamel's C parser for the usual case, read event by event (``events``), ``jsontext``
  JSON at any depth, ``marks`` the positions for messages read from the C parser's marks,
  ``tree`` the positions (``SourceMap``) and plain data of a round-trip ruamel tree;
  ``syntax`` syntax errors and nesting bounds from the C parser, ``roundtrip`` the
  round-trip parser, given only text whose nesting it can take.
- ``mapfile``: the file format's pydantic models, one node's entry each (``schema``: the
  nested ones, for the JSON Schema only); ``validate`` turns parsed data into an
  ``ArgumentMap`` with every problem located, worded by ``messages``; ``ids`` makes ids;
  ``flat`` validates the flat JSON export (one record per node) the same way.
- ``maps``: all of it in one call, ``load_map`` and ``load_located``.
- ``dump``: YAML text written back (new maps, imports, edits).
"""
