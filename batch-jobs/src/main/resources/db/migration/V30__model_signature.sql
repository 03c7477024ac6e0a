-- Model integrity: each registered model carries an HMAC-SHA256 signature of
-- its version and the SHA-256 of its file, made with a key kept outside the
-- store (an environment variable or a key file), so that write access to the
-- database alone cannot put another model in a version's place. The key id
-- (a fingerprint of the key, not the key) says which key signed it. Models
-- registered before this change have neither: they are refused until an
-- operator signs them ('leadscore models sign VERSION') or retrains.
-- Numbered apart from the V1-V4 store and V20 console scripts; one script for
-- H2 2.x and PostgreSQL 15.
ALTER TABLE model ADD COLUMN artifact_signature VARCHAR(64);
ALTER TABLE model ADD COLUMN signature_key_id VARCHAR(16);
