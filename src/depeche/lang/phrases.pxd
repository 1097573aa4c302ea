# Compiled builds only (setup.py): see extract/syntax.pxd.
cdef class PhraseTable:
    cdef public object _root, size, _kept
