"""APScheduler 3 ships no type information; the triggers the services use are typed in apscheduler.triggers."""
