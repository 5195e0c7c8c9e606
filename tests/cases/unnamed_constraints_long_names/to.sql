CREATE TABLE customer_subscription_billing_adjustments_history (
    id integer PRIMARY KEY,
    adjustment_reason_code_from_external_system text UNIQUE,
    adjustment_amount_in_minor_currency_units integer CHECK (adjustment_amount_in_minor_currency_units <> 0),
    parent_adjustment_id integer REFERENCES customer_subscription_billing_adjustments_history (id)
);

CREATE INDEX ON customer_subscription_billing_adjustments_history (adjustment_amount_in_minor_currency_units);
