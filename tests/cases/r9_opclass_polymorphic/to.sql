CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE diary (id int PRIMARY KEY, m mood, tags int4[], area box);

-- members on polymorphic types: PostgreSQL binds them to the family, the
-- class itself is left with no member of its own
CREATE OPERATOR CLASS mood_ops FOR TYPE mood USING btree AS
    OPERATOR 1 <(anyenum, anyenum), OPERATOR 2 <=(anyenum, anyenum), OPERATOR 3 =(anyenum, anyenum),
    OPERATOR 4 >=(anyenum, anyenum), OPERATOR 5 >(anyenum, anyenum),
    FUNCTION 1 enum_cmp(anyenum, anyenum);
CREATE OPERATOR CLASS tags_ops FOR TYPE int4[] USING btree AS
    OPERATOR 1 <(anyarray, anyarray), OPERATOR 3 =(anyarray, anyarray), OPERATOR 5 >(anyarray, anyarray),
    FUNCTION 1 btarraycmp(anyarray, anyarray);
CREATE OPERATOR CLASS mood_hash FOR TYPE mood USING hash AS
    OPERATOR 1 =(anyenum, anyenum), FUNCTION 1 hashenum(anyenum), STORAGE mood;
-- gist: operators and optional support functions are the family's
CREATE OPERATOR CLASS area_ops FOR TYPE box USING gist AS
    OPERATOR 3 &&, OPERATOR 7 @>,
    FUNCTION 1 gist_box_consistent(internal, box, smallint, oid, internal),
    FUNCTION 2 gist_box_union(internal, internal),
    FUNCTION 5 gist_box_penalty(internal, internal, internal),
    FUNCTION 6 gist_box_picksplit(internal, internal),
    FUNCTION 7 gist_box_same(box, box, internal),
    FUNCTION 8 gist_box_distance(internal, box, smallint, oid, internal);

CREATE INDEX diary_area ON diary USING gist (area area_ops);
