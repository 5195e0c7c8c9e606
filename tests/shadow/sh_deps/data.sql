INSERT INTO public.accounts (id, owner_name, balance) SELECT g, 'o' || g % 50, g % 500 FROM generate_series(1, 3000) g;
