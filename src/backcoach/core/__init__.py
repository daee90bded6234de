"""The pure core: routines, plans and sessions. No Textual, no audio, no terminal."""
