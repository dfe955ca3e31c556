-- Capacity building: workshops, participants and attendance (SQLite).
-- Keep in step with ../postgres/.
create table workshops (
    id integer primary key,
    title text not null,
    kind text not null,
    mode text not null,
    language text not null,
    venue text not null default '',
    meeting_link text not null default '',
    start_date text not null,
    end_date text not null,
    capacity integer not null,
    min_attendance_pct real not null,
    min_post_test_pct real,
    created_by text not null,
    created_at text not null
);

-- One row per person taking part; the nominating administration is kept so
-- that a focal point sees their own nominees only.
create table workshop_participants (
    workshop_id integer not null references workshops(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    status text not null,
    administration_code text references administrations(code),
    added_at text not null,
    primary key (workshop_id, user_id)
);

create table workshop_attendance (
    workshop_id integer not null references workshops(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    day text not null,
    present integer not null,
    recorded_by text not null,
    recorded_at text not null,
    primary key (workshop_id, user_id, day)
);
