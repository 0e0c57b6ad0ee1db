-- A room's own participant limit is optional: without one, the service's limit (set in the console) applies. Every
-- room so far had the built-in 100, which becomes "the service's limit".
ALTER TABLE room ALTER COLUMN participant_limit DROP NOT NULL;
UPDATE room SET participant_limit = NULL WHERE participant_limit = 100;

-- An administrator may close a room for good: it then admits no one.
ALTER TABLE room ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
