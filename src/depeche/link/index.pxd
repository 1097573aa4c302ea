# Compiled builds only (setup.py): see extract/syntax.pxd.
cdef class IncidentIndex:
    cdef public object entries, by_key, size
