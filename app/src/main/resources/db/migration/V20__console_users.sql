-- Users of the web console kept in the store: the administrator that the first
-- start of 'leadscore serve' creates when no users are configured. Kept in the
-- store rather than in a file so that every process serving the same store
-- (H2 or PostgreSQL) sees the same account and a backup of the store holds it.
-- Only a bcrypt hash is stored. Same rules as V2: one script for H2 2.x and
-- PostgreSQL 15, no reserved words as names.
CREATE TABLE console_user (
    user_name     VARCHAR(200) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    roles         VARCHAR(200) NOT NULL,              -- comma-separated: ops, leadership, data, admin
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200) NOT NULL
);
