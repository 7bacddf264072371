"""The diagram formats (dot, svg, png, pdf): styles, labels, DOT building, engine, fonts."""
