CREATE TABLE public.ev (id integer NOT NULL, at date NOT NULL, v integer, region text NOT NULL DEFAULT 'eu',
    PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE public.ev_eu PARTITION OF public.ev FOR VALUES IN ('eu');
CREATE TABLE public.other (id integer);
