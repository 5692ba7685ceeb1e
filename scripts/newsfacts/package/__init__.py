"""Package stage: build the tables from the curated inputs, validate them, write them atomically.

build (tables and package files), validate (frictionless, pandera, consistency), consistency
(cross-table rules), schemas (pandera from the Table Schemas), atomic (all-or-nothing writes),
restamp (carry a completed review over to a changed extractor, through the build).
"""
