-- The HTTP status CHeKT answered the decision's PATCH with (the evidence pack shows it). Empty for the submissions
-- recorded before it was kept: nobody knows it any more, and no value is made up for them.
ALTER TABLE verification ADD COLUMN submission_http_status SMALLINT;
ALTER TABLE verification ADD CONSTRAINT verification_submission_http_status_2xx CHECK (submission_http_status IS NULL
    OR submission_http_status BETWEEN 200 AND 299);
