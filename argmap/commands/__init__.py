"""The bodies of the ``argmap`` commands, one module per area, loaded on first use."""
