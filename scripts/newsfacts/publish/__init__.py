"""Publish stage: read, release, compare, export and report on the built package.

loader (the light reader: pandas and PyYAML only), safezip, release (zip, Parquet,
SQLite, ledger), diff, export, findings, quality (extractor precision and recall from the
reviews), evaluate (the raw extractor on the dev set). Nothing is imported here, so that
`newsfacts.load` stays light.
"""
