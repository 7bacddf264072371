"""Loading maps: bounded reads, YAML/JSON parsing with positions, the file format, validation."""
