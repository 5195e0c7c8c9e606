create table measurement (city_id int not null, logdate date not null, peaktemp int) partition by range (logdate);
create table measurement_y2024 partition of measurement for values from ('2024-01-01') to ('2025-01-01');
create table measurement_y2025 partition of measurement for values from ('2025-01-01') to ('2026-01-01');
create table measurement_archive (city_id int not null, logdate date not null, peaktemp int);
