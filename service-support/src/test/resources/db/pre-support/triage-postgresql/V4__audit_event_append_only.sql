-- PostgreSQL only (Flyway vendor location): the audit table refuses UPDATE, DELETE and TRUNCATE, so a bug
-- or a stolen service credential cannot rewrite history through the application's connection.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op;
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();
