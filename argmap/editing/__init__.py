"""Safe in-place edits of map files: add, edit, remove; text splicing; atomic writes; new maps."""
