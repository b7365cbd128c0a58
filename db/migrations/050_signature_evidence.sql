-- The customer's signature on the 用电检查工作单, drawn on the terminal's screen, is evidence of its own kind
-- (services/evidence/evidencePolicy.ts: image/png, at most 2 MB).
alter table evidence_uploads drop constraint evidence_uploads_kind_check;
alter table evidence_uploads add constraint evidence_uploads_kind_check check (kind in ('photo', 'audio', 'video', 'signature'));
