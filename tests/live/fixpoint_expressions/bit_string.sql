-- B'0101' and X'0F': the catalog says '0101'::"bit" and '00001111'::"bit"
CREATE SCHEMA bit_string;
CREATE TABLE bit_string.t (
    a bit(4) DEFAULT B'0101',
    b bit varying DEFAULT X'0F'
);
