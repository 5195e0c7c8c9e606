create domain email as text
    constraint email_has_at check (value like '%@%');

create type address as (
    street text,
    city text,
    zip text
);

-- one changed, one removed, one kept, one added
comment on domain email is 'An e-mail address (RFC 5322, roughly)';
comment on type address is 'Postal address';
comment on column address.zip is 'Postal code';
comment on column address.city is 'City, in the local spelling';
