"""Generators for the documentation site (used by scripts/docs_hooks.py at `mkdocs build`).

Every page made here is generated from schemas/, data/ and reports/ when the site is built;
nobody edits the output by hand. Modules: common (reading, escaping, labels), dictionary
(field reference), er (Graphviz ER diagram), quality (extractor quality pages), charts
(matplotlib SVGs), findings (the charts page), browse (data tables and one page per source).
"""
