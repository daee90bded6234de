"""The Textual app: shows the session's state and sends the user's intents; no timing here."""
