CREATE TABLE tickets (
    id bigint PRIMARY KEY,
    code text NOT NULL DEFAULT util.new_code()
);
