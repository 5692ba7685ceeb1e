"""Corpus extraction (`newsfacts extract`): read articles as a stream (reader), run the
per-article extractor here, in a process pool or on a Dask cluster (work, engines; sandbox keeps
--timeout where tasks run in threads), and write the candidate package incrementally (writer);
`run.extract_corpus` puts them together."""
