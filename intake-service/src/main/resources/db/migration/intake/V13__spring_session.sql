-- The pages' web sessions (login state, PKCE verifier, saved CSRF token), kept here rather than in one
-- instance's memory so that a login callback or a form post may land on any intake instance. Spring Session
-- JDBC's own table layout (its schema-postgresql.sql), with names in lower case. One script for both databases:
-- H2 takes bytea as an alias of binary varying. Spring Session never creates it itself
-- (spring.session.jdbc.initialize-schema=never); its cleanup job deletes expired rows every minute.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
-- the cleanup job and the session ceiling's count of live sessions look sessions up by expiry
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
