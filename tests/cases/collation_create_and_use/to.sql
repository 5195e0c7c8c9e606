create collation posix_copy from "POSIX";
create collation numeric_icu (provider = icu, locale = 'en-u-kn-true');
create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

create table words (w text collate posix_copy, n text collate numeric_icu, k text collate ci);
comment on collation ci is 'case-insensitive';
