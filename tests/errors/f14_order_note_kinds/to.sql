CREATE TABLE public.t (id integer PRIMARY KEY, b text, a integer);
CREATE TABLE public.par (id integer PRIMARY KEY, b text, a integer);
CREATE TABLE public.kid (extra text) INHERITS (public.par);
CREATE TABLE public.q (id integer PRIMARY KEY, b text, a integer);
CREATE TABLE public.q2 (more text) INHERITS (public.q);
CREATE TABLE public.z (id integer PRIMARY KEY, b text, a integer);
