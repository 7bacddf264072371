"""The HTML page format: template context, inlined diagram SVG and the Jinja templates."""
