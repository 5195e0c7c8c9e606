CREATE TABLE tasks (
    id integer PRIMARY KEY,
    state character varying(20) NOT NULL,
    kind text,
    rating integer,
    title character varying(100),
    CONSTRAINT tasks_kind_check CHECK ((kind = ANY (ARRAY['bug'::text, 'feature'::text]))),
    CONSTRAINT tasks_rating_check CHECK (((rating >= 1) AND (rating <= 5))),
    CONSTRAINT tasks_title_check CHECK (((title)::text <> ''::text))
);
