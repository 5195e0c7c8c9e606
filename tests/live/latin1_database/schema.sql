CREATE TABLE café (
    n text DEFAULT 'crème',
    "Über" integer CHECK ("Über" <> 0)
);
COMMENT ON TABLE café IS 'déjà vu';
