create table measurement (city_id int not null, logdate date not null, peaktemp int, unitsales int) partition by range (logdate);
-- y2024 leaves the partitioned table, the archive joins it, y2026 is new
create table measurement_y2024 (city_id int not null, logdate date not null, peaktemp int, unitsales int);
create table measurement_y2025 partition of measurement for values from ('2025-01-01') to ('2026-01-01');
create table measurement_y2026 partition of measurement for values from ('2026-01-01') to ('2027-01-01');
create table measurement_archive (city_id int not null, logdate date not null, peaktemp int, unitsales int);
alter table measurement attach partition measurement_archive for values from ('2000-01-01') to ('2024-01-01');
