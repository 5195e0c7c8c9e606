-- the default goes, and with it the only user of the function
create table tickets (
    id bigint primary key,
    ref text not null,
    title text not null
);
