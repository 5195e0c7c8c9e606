CREATE SCHEMA app;
CREATE TABLE app.t (id int primary key);
CREATE TABLE public.r (t_id int references app.t);
INSERT INTO app.t VALUES (1);
