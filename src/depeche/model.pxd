# Compiled builds only (setup.py): see extract/syntax.pxd.
cdef class Document:
    cdef public object id, text, lang, published, title, source, url, path, norm, offsets, tokens, sentences
    cdef public object mentions, events, quotes, done, cache, by_sentence
