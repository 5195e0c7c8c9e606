CREATE EXTENSION vector;
CREATE TABLE public.items (id integer PRIMARY KEY, embedding vector(4));
