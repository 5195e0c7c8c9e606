CREATE TABLE tickets (
    id serial PRIMARY KEY,
    status text NOT NULL,
    priority int NOT NULL DEFAULT 3
);

CREATE VIEW open_tickets AS
SELECT id, status, priority
FROM tickets
WHERE status = 'open';
