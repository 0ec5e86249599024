-- The alert outbox: each way an alert goes out (an email, a webhook call) is a row written in the transaction that
-- records the alert, then claimed, sent and retried by the delivery job until it is SENT or given up (FAILED).
-- Sending is at least once; delivery_id is what receivers de-duplicate by (header Runledger-Delivery-Id).
CREATE TABLE alert_deliveries (
    org_id          uuid        NOT NULL,
    delivery_id     uuid        NOT NULL,
    budget_id       uuid        NOT NULL,
    period_start    timestamptz NOT NULL,
    threshold       integer     NOT NULL,
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    status          text        NOT NULL
        CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'NOT_CONFIGURED', 'NO_RECIPIENTS', 'REFUSED')),
    -- EMAIL: the subject and the text; WEBHOOK: a summary and the JSON body, fixed at the crossing so every
    -- attempt sends the same bytes.
    subject         text        NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- While PENDING: when the next attempt is due (a claimed row is leased until then); otherwise NULL.
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    PRIMARY KEY (org_id, delivery_id),
    -- One delivery per alert and channel, however often the evaluator runs.
    UNIQUE (org_id, budget_id, period_start, threshold, channel),
    FOREIGN KEY (org_id, budget_id, period_start, threshold)
        REFERENCES budget_alerts (org_id, budget_id, period_start, threshold) ON DELETE CASCADE,
    CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL))
);
-- The delivery job's question, "what is due?", reads only pending rows.
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at, org_id) WHERE status = 'PENDING';

ALTER TABLE alert_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_deliveries USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- Alerts raised before the outbox existed keep their outcome; one still PENDING then was never retried.
INSERT INTO alert_deliveries (org_id, delivery_id, budget_id, period_start, threshold, channel, status, subject, body,
                              created_at, attempts, last_error)
SELECT a.org_id, gen_random_uuid(), a.budget_id, a.period_start, a.threshold, c.channel,
       CASE c.status WHEN 'PENDING' THEN 'FAILED' ELSE c.status END, '', '', a.crossed_at,
       CASE WHEN c.status IN ('SENT', 'FAILED') THEN 1 ELSE 0 END,
       CASE c.status WHEN 'PENDING' THEN 'not sent before the delivery outbox existed' END
FROM budget_alerts a
CROSS JOIN LATERAL (VALUES ('EMAIL', a.email_status), ('WEBHOOK', a.webhook_status)) AS c (channel, status)
WHERE c.status <> 'NONE';
ALTER TABLE budget_alerts DROP COLUMN email_status, DROP COLUMN webhook_status;

-- The delivery job's one cross-tenant question: which organisations have a delivery due. Ids only.
CREATE FUNCTION orgs_with_due_alert_deliveries(due_at timestamptz) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT DISTINCT org_id FROM alert_deliveries WHERE status = 'PENDING' AND next_attempt_at <= due_at
$$;
