CREATE TABLE tickets (
    id serial PRIMARY KEY,
    status text NOT NULL,
    priority int NOT NULL DEFAULT 3
);

-- same columns, different rows and order
CREATE VIEW open_tickets AS
SELECT id, status, priority
FROM tickets
WHERE status IN ('open', 'reopened')
ORDER BY priority, id;
