"""Linking across documents: incidents (reports of one real-world event) and their dispute view."""
