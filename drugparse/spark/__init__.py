"""The batch converter's work, spread over a Spark cluster (being split: see the next commit)."""
