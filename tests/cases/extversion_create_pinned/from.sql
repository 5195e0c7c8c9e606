create table docs (
    id int primary key,
    attrs text
);
