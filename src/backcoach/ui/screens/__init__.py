"""Full screens: the library, the player, the editor, the history, the finish."""
