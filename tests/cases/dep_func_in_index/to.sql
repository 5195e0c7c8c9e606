create function normalize_email(e text) returns text
language sql immutable strict parallel safe
return lower(trim(e));

create table customers (
    id bigint primary key,
    email text not null
);

create unique index customers_email_norm_key on customers (normalize_email(email));
