"""Extraction stages: each is a Doc -> Doc function registered in depeche.pipeline."""
