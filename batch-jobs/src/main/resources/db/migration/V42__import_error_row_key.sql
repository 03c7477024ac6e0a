-- The lead_id of a rejected leads row, as written: a later row of the same import that names that lead is told
-- the lead was refused (and where), not that it is unknown.
ALTER TABLE import_error ADD COLUMN row_key VARCHAR;
