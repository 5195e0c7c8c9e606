create function area(r double precision) returns double precision
language sql immutable
as 'select pi() * r * r';

-- area(int, int) goes, the double precision ones stay
create function area(w double precision, h double precision) returns double precision
language sql immutable
as 'select w * h';
