CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    status text CHECK (status::app.ticket_status IS NOT NULL)
);
