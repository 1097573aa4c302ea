# Compiled builds only (setup.py): see extract/syntax.pxd.
cdef class Gazetteer:
    cdef public object path, conn, _cache
