-- A room may start its conferences locked, so that every newcomer waits for a host's admission (issue 24, decision
-- 6a). Null: the service's choice applies (room.newcomers-wait-for-admission; secure mode turns it on).
ALTER TABLE room ADD COLUMN newcomers_wait_for_admission BOOLEAN;
