create table page_hits (
    page text not null,
    hit_at timestamptz not null
);

-- the hits column becomes bigint: CREATE OR REPLACE cannot change a column's type
create view hits_per_page as
select page, count(*) as hits
from page_hits
group by page;
