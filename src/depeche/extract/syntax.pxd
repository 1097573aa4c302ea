# Compiled builds only (setup.py): Arguments as an extension type, so its methods read their attributes from
# the object's own fields instead of looking each one up by name. syntax.py stays plain Python and works
# alone; every attribute it sets must be declared here (a compiled test run says which is missing).
cdef class Arguments:
    cdef public object doc, lang, tokens, actors, starts, by_start, by_end, preps, adjunct_ends, dets, blocking
    cdef public object active_suffixes
