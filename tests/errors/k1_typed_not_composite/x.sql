CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE moods OF mood;
