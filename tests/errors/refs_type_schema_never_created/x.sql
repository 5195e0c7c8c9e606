CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    status app.ticket_status NOT NULL
);
