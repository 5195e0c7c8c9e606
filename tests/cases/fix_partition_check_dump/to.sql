create table p (a int check (a>0), b int) partition by list(a);
create table p1 partition of p for values in (1);
create table p2 (a int, b int, constraint p2_b_check check (b < 10));
