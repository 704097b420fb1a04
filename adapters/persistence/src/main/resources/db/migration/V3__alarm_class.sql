-- The alarm's class (life-safety, high, normal), decided at intake by the alarmClass decision table.
-- Verifications stored before the class existed read as normal.
ALTER TABLE verification ADD COLUMN alarm_class VARCHAR(16) DEFAULT 'normal' NOT NULL;
