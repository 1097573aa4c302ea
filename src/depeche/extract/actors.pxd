# Compiled builds only (setup.py): see extract/syntax.pxd.
cdef class ActorBuilder:
    cdef public object doc, lang, tokens, raws, at, taken, used, actors, modifiers
