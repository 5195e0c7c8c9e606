CREATE TABLE teams (id integer PRIMARY KEY, owner text NOT NULL);
CREATE TABLE docs (id integer PRIMARY KEY, team_id integer NOT NULL REFERENCES teams, body text);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_team ON docs USING (team_id IN (SELECT id FROM teams WHERE owner = current_user));
CREATE POLICY docs_exists ON docs FOR UPDATE
    USING (EXISTS (SELECT 1 FROM teams t WHERE t.id = docs.team_id AND t.owner = current_user))
    WITH CHECK (team_id = ANY (ARRAY(SELECT id FROM teams)));
