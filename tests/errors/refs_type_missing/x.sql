CREATE TYPE ticket_status AS ENUM ('open', 'closed');
CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    status ticket_state NOT NULL DEFAULT 'open'
);
