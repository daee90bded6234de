"""The history schema, as the migrations that build it.

`MIGRATIONS[k]` takes a database from `pragma user_version = k` to `k + 1`. Each is a tuple
of statements, run together in one transaction (executescript would commit first). A
migration that has shipped is never edited: a change is a new migration at the end, and
tests/store pins the text of the old ones.

Times are stored twice: as ISO 8601 text in the local time and offset they happened in
(`2026-11-17T18:05:00+01:00`, what a person reads and what export writes), and as whole
seconds since 1970 in UTC (`*_utc`, what sorts and what the indexes hold).
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: what a session was and what was done in it.
    (
        """
        create table sessions (
            id              integer primary key,
            uuid            text    not null unique,
            routine_id      text    not null,
            routine_source  text    not null,
            title           text    not null,
            plan_hash       text    not null,
            started_at      text    not null,
            started_utc     integer not null,
            ended_at        text,
            ended_utc       integer,
            status          text    not null check (status in ('running', 'finished', 'stopped')),
            practice        integer not null default 0 check (practice in (0, 1))
        )
        """,
        """
        create table sets (
            session_id      integer not null references sessions (id) on delete cascade,
            position        integer not null,
            exercise_id     text    not null,
            exercise_name   text    not null,
            side            text,
            set_number      integer not null,
            set_count       integer not null,
            planned_reps    integer,
            reps            integer,
            load            text,
            load_amount     real,
            load_unit       text,
            seconds         real    not null,
            outcome         text    not null check (outcome in ('done', 'skipped')),
            primary key (session_id, position)
        ) without rowid
        """,
    ),
    # 2: check-ins, and what keeps the library, `history` and "last time" off full scans
    # and per-row counting. Last time needs a set's session start beside its exercise in
    # one index, so each set carries a copy of its session's start (which never changes);
    # a session carries its counts of sets done and skipped, kept by every set write.
    (
        "alter table sets add column session_utc integer not null default 0",
        """
        update sets set session_utc =
            (select started_utc from sessions where sessions.id = sets.session_id)
        """,
        "alter table sessions add column sets_done integer not null default 0",
        "alter table sessions add column sets_skipped integer not null default 0",
        """
        update sessions set
            sets_done = (select count(*) from sets
                         where session_id = sessions.id and outcome = 'done'),
            sets_skipped = (select count(*) from sets
                            where session_id = sessions.id and outcome = 'skipped')
        """,
        "create index sessions_by_start on sessions (started_utc)",
        """
        create index sets_last_done on sets (exercise_id, session_utc, session_id)
            where outcome = 'done'
        """,
        """
        create table checkins (
            id          integer primary key,
            uuid        text    not null unique,
            taken_at    text    not null,
            taken_utc   integer not null,
            back        integer not null check (back between 0 and 10),
            leg         integer not null check (leg between 0 and 10),
            reach       text    not null
                        check (reach in ('none', 'buttock', 'thigh', 'knee', 'foot')),
            note        text    not null default '',
            session_id  integer references sessions (id) on delete set null,
            phase       text    check (phase in ('before', 'after', 'later'))
        )
        """,
        "create index checkins_by_time on checkins (taken_utc)",
        "create index checkins_by_session on checkins (session_id)",
    ),
    # 3: whether a session was played in flare-up mode (its gentler variant).
    ("alter table sessions add column flare integer not null default 0 check (flare in (0, 1))",),
    # 4: the top of a set's planned rep range (reps: 8-12 keeps 8 and 12), null otherwise.
    ("alter table sets add column planned_reps_top integer",),
    # 5: runs, rides and walks, from watch files or told by hand. The same activity read
    # twice (the same file, a GPX and a FIT of one run) has one sport and one start.
    (
        """
        create table activities (
            id          integer primary key,
            uuid        text    not null unique,
            sport       text    not null check (sport in ('run', 'ride', 'walk', 'other')),
            started_at  text    not null,
            started_utc integer not null,
            seconds     real    not null check (seconds >= 0),
            metres      real    check (metres >= 0),
            ascent_m    real,
            heart_rate  integer,
            source      text    not null default '',
            effort      text
                        check (effort in ('easy', 'steady', 'hard', 'intervals', 'sprints')),
            shoes       text    not null default '',
            note        text    not null default '',
            unique (sport, started_utc)
        )
        """,
        "create index activities_by_start on activities (started_utc)",
        """
        create table retired_shoes (
            name        text    primary key collate nocase,
            retired_at  text    not null
        )
        """,
        # Each watch file imported, as it was then: importing a folder again reads only
        # the files that are new or changed since.
        """
        create table imported_files (
            path        text    primary key,
            size        integer not null,
            mtime_ns    integer not null,
            activities  integer not null
        ) without rowid
        """,
        # What was done or endured for the back: ice, heat, a long drive, the person's own.
        """
        create table diary_entries (
            id          integer primary key,
            uuid        text    not null unique,
            thing       text    not null,
            name        text    not null,
            amount      real    check (amount > 0),
            unit        text    check (unit in ('minutes', 'hours')),
            taken_at    text    not null,
            taken_utc   integer not null,
            note        text    not null default ''
        )
        """,
        "create index diary_entries_by_time on diary_entries (taken_utc)",
        # Trials on oneself: two things on blocks of days, in an order drawn from the seed.
        """
        create table experiments (
            id          integer primary key,
            uuid        text    not null unique,
            a           text    not null,
            b           text    not null,
            start_day   text    not null,
            days        integer not null check (days > 0),
            block       integer not null check (block > 0),
            seed        integer not null,
            stopped_day text
        )
        """,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
