# Compiled builds only (setup.py): see extract/syntax.pxd.
cdef class PerDocument:
    cdef public object _kept
