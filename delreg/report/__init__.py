"""The report to the board: the numbered anmälningsärenden list for a meeting, or a period's
decisions grouped by kind, in text, Markdown, HTML, Word, JSON or CSV.

``build`` collects and numbers the items (masking secrets for a public report), ``sentences``
phrases each decision as the board writes it, ``layout`` turns a report into headings and
lists, and the ``render_*`` modules write it out. The formats are a registry
(``formats.FORMATS``): one small module per format names its file endings and renders to bytes.
Heavy libraries (jinja2, python-docx) are imported only by the format that needs them.
"""
