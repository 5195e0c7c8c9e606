create domain country_code as char(2)
    constraint country_code_upper check (value = upper(value));

create table offices (
    id int primary key,
    city text not null,
    country country_code not null
);
