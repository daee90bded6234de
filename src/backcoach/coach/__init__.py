"""The coach: what happens around a routine's run, written once for both players."""
