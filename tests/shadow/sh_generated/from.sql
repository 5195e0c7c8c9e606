CREATE TABLE public.stock (id integer PRIMARY KEY, qty integer NOT NULL, price integer NOT NULL CHECK (price >= 0));
