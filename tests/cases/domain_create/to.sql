-- an e-mail address, lower case, never empty
create domain email_address as text
    not null
    constraint email_address_format check (value ~ '^[^@ ]+@[^@ ]+$')
    constraint email_address_lower check (value = lower(value));

create domain score as smallint
    default 0
    check (value between 0 and 100);

create table contacts (
    id bigint primary key,
    name text not null,
    email email_address,
    rating score
);
