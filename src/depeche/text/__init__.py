"""Text layer: normalisation with offset mapping, tokens and sentences, language identification."""
