-- three letters now (ISO alpha-3): a domain's base type cannot be altered
create domain country_code as varchar(3)
    constraint country_code_upper check (value = upper(value));

create table offices (
    id int primary key,
    city text not null,
    country country_code not null
);
