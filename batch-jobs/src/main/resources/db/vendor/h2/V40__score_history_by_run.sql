-- H2 keeps the score history in one table: the embedded store serves a team,
-- whose history stays within what one B-tree handles well. PostgreSQL's V40
-- (db/vendor/postgresql) partitions it by run; this script only keeps the two
-- stores at the same schema version.
SELECT 1;
