"""The loader's readers: a parsed tree -> routine and exercise values, every problem pinned.

`reading` (context.py) carries one file's problems; the value readers (values.py, and
flare.py for `flare:`) are found through registry.py's table by a field's kind; steps.py,
routine.py and exercises.py walk the file's structure. core/loader.py is the entry point.
"""
