-- PostgreSQL refuses this: the typed tables need CASCADE
ALTER TYPE person ADD ATTRIBUTE email text;
