"""Safe in-place edits of map files: node edits, text splicing, the atomic writer, new maps."""
