create table readings (id bigint not null, taken_on date not null, value numeric);
