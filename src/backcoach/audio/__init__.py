"""Audio cues: events become sounds and words, on a thread of their own, never blocking."""
