"""Modal dialogs: confirmations, the check-in and its red flags, the editor's and the history's forms."""
