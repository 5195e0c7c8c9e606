create table page_hits (
    page text not null,
    hit_at timestamptz not null
);

create view hits_per_page as
select page, count(*)::int as hits
from page_hits
group by page;
