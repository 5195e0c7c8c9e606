CREATE TABLE public.t (id integer PRIMARY KEY, a integer, b text);
CREATE TABLE public.par (id integer PRIMARY KEY, a integer, b text);
CREATE TABLE public.kid (extra text) INHERITS (public.par);
CREATE TABLE public.q (id integer PRIMARY KEY, a integer, b text);
CREATE TABLE public.z (id integer PRIMARY KEY, a integer, b text);
