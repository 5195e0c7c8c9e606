CREATE TABLE team (id integer PRIMARY KEY);
CREATE TABLE player (id integer PRIMARY KEY, team_id integer);
ALTER TABLE player ADD CONSTRAINT player_team_id_fkey FOREIGN KEY (team_id) REFERENCES team (id) NOT VALID;
