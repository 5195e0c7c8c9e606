CREATE TABLE teams (id integer PRIMARY KEY, owner text NOT NULL);
CREATE TABLE docs (id integer PRIMARY KEY, team_id integer NOT NULL REFERENCES teams, body text);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
