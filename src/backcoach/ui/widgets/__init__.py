"""Small widgets the screens compose: the big clock, the calendar, the charts, the footer."""
