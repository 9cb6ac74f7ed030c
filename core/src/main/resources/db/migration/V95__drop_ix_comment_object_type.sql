-- ix_comment_object_type: every comment row holds 'Task' there (Zou's comments are on tasks) and no query filters on
-- it alone, yet every comment insert kept this B-tree up to date (on file H2, one more changed index page for each
-- commit's store write). Same SQL subset as V1: H2 2.x and PostgreSQL 15.
DROP INDEX IF EXISTS ix_comment_object_type;
