CREATE TABLE t (a int, b text);

COPY public.t (a, b) FROM stdin;
1	it's
2	CREATE TABLE fake (x int);
3	\N
\.

CREATE TABLE u (c int);
copy u (c)
  from stdin;
7
\.
CREATE TABLE v (d int);
COPY v (d) FROM stdin;
9
