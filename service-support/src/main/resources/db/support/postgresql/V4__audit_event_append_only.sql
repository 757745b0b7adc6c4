-- PostgreSQL only: the audit trail cannot be rewritten through this database, not even by the service's
-- own user (a bug or a stolen credential). Replaced rather than created: databases from before this
-- library already have the function and triggers under these names.
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op;
end;
$$;

drop trigger if exists audit_event_no_update_or_delete on audit_event;
create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

drop trigger if exists audit_event_no_truncate on audit_event;
create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();
