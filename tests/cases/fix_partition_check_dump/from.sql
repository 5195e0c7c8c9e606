create table p (a int check (a>0), b int) partition by list(a);
create table p1 partition of p for values in (1);
create table p2 partition of p for values in (2);
