CREATE TABLE t (a int);

--
-- Data for Name: t; Type: TABLE DATA; Schema: public; Owner: fordfrog
--

COPY t (a) FROM stdin;
\.

CREATE TABLE u (b int);
-- rows; a comment with a ; in it
COPY u (b) FROM stdin;
1
\.
CREATE TABLE v (c int);
