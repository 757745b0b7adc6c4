-- The patient-facing plan (SELF_CARE) or interim advice (ROUTINE_REVIEW) of the decision in effect, as
-- JSON text; null while the report waits for triage and for dispositions that carry no plan. Written in
-- the same transaction as the status change, so the status page never shows one without the other.
alter table symptom_report add column self_care_plan text;
