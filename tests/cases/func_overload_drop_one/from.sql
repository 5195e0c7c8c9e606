create function area(r double precision) returns double precision
language sql immutable
as 'select pi() * r * r';

create function area(w double precision, h double precision) returns double precision
language sql immutable
as 'select w * h';

create function area(w int, h int) returns int
language sql immutable
as 'select w * h';
