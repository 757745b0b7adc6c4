-- Web sessions of a service with pages (the page login's state and PKCE verifier, the saved CSRF token), kept in
-- the service's database rather than one instance's memory, so a login callback or a post may reach any instance.
-- Spring Session JDBC's own layout (its schema-postgresql.sql) in lower case; H2 takes bytea as binary varying.
-- Spring Session never creates it (spring.session.jdbc.initialize-schema=never). "if not exists": intake made the
-- same tables in its own V13 before they moved here; services without pages simply leave them empty.
create table if not exists spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index if not exists spring_session_ix1 on spring_session (session_id);
-- the cleanup job and the session ceiling's count of live sessions look sessions up by expiry
create index if not exists spring_session_ix2 on spring_session (expiry_time);
create index if not exists spring_session_ix3 on spring_session (principal_name);

create table if not exists spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
