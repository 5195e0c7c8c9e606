create domain price as numeric(14.5);
