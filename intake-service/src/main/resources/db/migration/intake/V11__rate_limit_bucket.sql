-- Submission quotas (clinic.intake.ratelimit): one Bucket4j bucket per caller, shared by every instance.
-- id: PERSON:<subject> or CLIENT:<client id> (ids are cut to 200 characters); state: Bucket4j's serialized
-- bucket, null between the row's first insert and its first write; expires_at: epoch milliseconds after which
-- the bucket would be full again, so the cleanup may delete it (a new bucket is the same).
create table rate_limit_bucket (
    id         varchar(220) primary key,
    state      bytea,
    expires_at bigint
);

create index rate_limit_bucket_expires_at on rate_limit_bucket (expires_at);
