-- Custom plans, given to one organisation from an instant on. Without a row the public plan (in code) applies. The
-- plan is stored whole (validated before it is written): an invoice can always be explained by the plan it used.
CREATE TABLE plan_assignments (
    org_id         uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    effective_from timestamptz NOT NULL,
    plan           jsonb       NOT NULL,
    assigned_at    timestamptz NOT NULL,
    PRIMARY KEY (org_id, effective_from)
);

-- One invoice per organisation and billing period: the unique key is what makes closing a period idempotent, even
-- when two closers race. Amounts are rounded to the currency's minor units before they are stored.
CREATE TABLE invoices (
    org_id            uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    invoice_id        uuid        NOT NULL,
    period_start      timestamptz NOT NULL,
    period_end        timestamptz NOT NULL,
    status            text        NOT NULL CHECK (status IN ('DRAFT', 'FINALIZED', 'PAID', 'PAYMENT_FAILED', 'VOID')),
    currency          char(3)     NOT NULL,
    total             numeric     NOT NULL,
    finalized_at      timestamptz NOT NULL,
    status_changed_at timestamptz NOT NULL,
    sync              text        NOT NULL CHECK (sync IN ('NOT_SYNCED', 'PENDING', 'SYNCED')),
    stripe_invoice_id text,
    PRIMARY KEY (org_id, invoice_id),
    UNIQUE (org_id, period_start),
    CHECK (period_start < period_end)
);

-- The lines of an invoice. rated_period_* is the period whose usage a line prices: the invoice's own period for usage
-- lines, an earlier one for adjustments (late usage). Sums over a rated period give what was already billed for it.
CREATE TABLE invoice_lines (
    org_id                 uuid        NOT NULL,
    invoice_id             uuid        NOT NULL,
    line_no                int         NOT NULL CHECK (line_no > 0),
    kind                   text        NOT NULL CHECK (kind IN ('USAGE', 'ADJUSTMENT')),
    meter                  text        NOT NULL,
    rated_period_start     timestamptz NOT NULL,
    rated_period_end       timestamptz NOT NULL,
    unit                   text        NOT NULL,
    quantity               numeric     NOT NULL,
    total_quantity         numeric     NOT NULL,
    unit_price             numeric,
    owed                   numeric     NOT NULL,
    already_billed         numeric     NOT NULL,
    amount                 numeric     NOT NULL,
    tiers                  jsonb       NOT NULL,
    stripe_invoice_item_id text,
    PRIMARY KEY (org_id, invoice_id, line_no),
    FOREIGN KEY (org_id, invoice_id) REFERENCES invoices (org_id, invoice_id) ON DELETE CASCADE
);
CREATE INDEX invoice_lines_by_rated_period ON invoice_lines (org_id, rated_period_start, meter);

-- Finalized invoices are never edited: the application may move an invoice's status and record what Stripe calls
-- it, nothing else, and it never deletes one. Late usage becomes an adjustment line on the next invoice instead.
REVOKE UPDATE, DELETE ON invoices, invoice_lines FROM ${app_role};
GRANT UPDATE (status, status_changed_at, sync, stripe_invoice_id) ON invoices TO ${app_role};
GRANT UPDATE (stripe_invoice_item_id) ON invoice_lines TO ${app_role};

-- The organisation's customer at the payment provider, created on its first synced invoice or portal visit.
CREATE TABLE billing_customers (
    org_id             uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    stripe_customer_id text        NOT NULL,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (org_id)
);

-- Stripe webhook events already processed: the primary key is what makes a redelivered event a no-op.
CREATE TABLE stripe_events (
    org_id       uuid        NOT NULL REFERENCES organisations (org_id) ON DELETE CASCADE,
    event_id     text        NOT NULL,
    type         text        NOT NULL,
    outcome      text        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, event_id)
);
REVOKE UPDATE, DELETE ON stripe_events FROM ${app_role};

ALTER TABLE plan_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE stripe_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_assignments USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON invoices USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON invoice_lines USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON billing_customers USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());
CREATE POLICY tenant_isolation ON stripe_events USING (org_id = current_org_id()) WITH CHECK (org_id = current_org_id());

-- The billing runs are cross-tenant by nature. These answer ids only; all reading and writing then happens inside
-- each organisation's own transaction, under row-level security.
CREATE FUNCTION billing_org_ids() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT org_id FROM organisations ORDER BY org_id $$;

CREATE FUNCTION billing_invoices_to_sync() RETURNS TABLE (org_id uuid, invoice_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT org_id, invoice_id FROM invoices WHERE sync = 'PENDING' ORDER BY finalized_at $$;

-- A Stripe webhook names a Stripe invoice; this says which organisation owns it, before any tenant is known.
CREATE FUNCTION billing_org_for_stripe_invoice(p_stripe_invoice_id text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT org_id FROM invoices WHERE stripe_invoice_id = p_stripe_invoice_id $$;
CREATE INDEX invoices_by_stripe_id ON invoices (stripe_invoice_id) WHERE stripe_invoice_id IS NOT NULL;
