-- The walking skeleton's table is no longer used (its unauthenticated endpoint is gone).
DROP TABLE IF EXISTS skeleton_entries;
