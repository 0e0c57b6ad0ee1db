-- Alarms (R-AUD-4), kept across restarts: every active one and the newest cleared ones (Alarms bounds them).
-- clears_at is when the alarm ended or, for one that ends by itself such as a break-in block, will end; NULL while
-- its condition lasts.
CREATE TABLE alarm (
    id         VARCHAR(36)   NOT NULL PRIMARY KEY,
    alarm_type VARCHAR(60)   NOT NULL,
    subject    VARCHAR(500)  NOT NULL,
    detail     VARCHAR(2000) NOT NULL,
    raised_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    clears_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_alarm_raised_at ON alarm (raised_at);
