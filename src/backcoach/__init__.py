"""backcoach: a terminal coach for runners with sciatica and low-back pain."""

__version__ = "0.1.0"
