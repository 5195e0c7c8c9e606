CREATE TABLE Users (
    Id INT PRIMARY KEY,
    EMail TEXT NOT NULL,
    CreatedAt TIMESTAMPTZ DEFAULT NOW()
);
create index Users_Email_Idx on USERS (EMAIL);
