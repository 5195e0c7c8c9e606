create domain email as text
    constraint email_has_at check (value like '%@%');

create type address as (
    street text,
    city text,
    zip text
);

comment on domain email is 'An e-mail address';
comment on constraint email_has_at on domain email is 'Minimal sanity check';
comment on type address is 'Postal address';
comment on column address.zip is 'Postal code';
