"""The batch engine on one machine (being split: see the next commit)."""
