"""The metadata model: ids and table metadata shared by every stage (no spaCy, no pandas)."""
