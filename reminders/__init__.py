"""Daily reminders of the dates that come close (reminders.daily)."""
