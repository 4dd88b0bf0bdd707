-- Roles and privileges of the Selfcare database. Run it as a superuser, connected to the portal's database,
-- before the portal's first start. Run it again after that start and after each upgrade: a rerun changes nothing
-- but the rights of tables Flyway created since (see the end of the file).
--
--   sudo -u postgres createdb selfcare
--   sudo -u postgres psql -d selfcare -v ON_ERROR_STOP=1 -f roles.sql
--
-- Then give each role a password (\password selfcare_owner and so on in psql); this file sets none.
--
--   selfcare_owner    owns the schema and every object in it. Flyway migrates as this role, and only Flyway.
--   selfcare_app      the running portal: reads and writes rows and nothing else. It creates no table, and new
--                     call record partitions come from ensure_call_record_partition, which runs as the owner.
--   selfcare_auditor  reads every table, for audits and x1470 host.
--
-- None of them is a superuser or may create databases or roles. Plain SQL only, so the portal's tests can apply
-- this file through JDBC as an operator applies it with psql.

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['selfcare_owner', 'selfcare_app', 'selfcare_auditor'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', name);
        END IF;
        -- Also applied to roles that existed already, so rerunning the file takes back any extra right.
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT',
                       name);
    END LOOP;
END
$$;

-- Only the three roles may connect, and none may create schemas or temporary tables.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO selfcare_owner, selfcare_app, selfcare_auditor',
                   current_database());
END
$$;

-- The schema belongs to the owner. Before PostgreSQL 15 every role could create objects in public, so that
-- right is taken back explicitly.
ALTER SCHEMA public OWNER TO selfcare_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO selfcare_app, selfcare_auditor;

-- Objects Flyway creates from now on: the default privileges of the owner give each role its rights on them.
-- Functions are executable by no one but the owner and the portal; PostgreSQL's default grants it to PUBLIC.
ALTER DEFAULT PRIVILEGES FOR ROLE selfcare_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO selfcare_app;
ALTER DEFAULT PRIVILEGES FOR ROLE selfcare_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO selfcare_app;
ALTER DEFAULT PRIVILEGES FOR ROLE selfcare_owner
    REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE selfcare_owner IN SCHEMA public
    GRANT EXECUTE ON FUNCTIONS TO selfcare_app;
ALTER DEFAULT PRIVILEGES FOR ROLE selfcare_owner IN SCHEMA public
    GRANT SELECT ON TABLES TO selfcare_auditor;
ALTER DEFAULT PRIVILEGES FOR ROLE selfcare_owner IN SCHEMA public
    GRANT SELECT ON SEQUENCES TO selfcare_auditor;

-- Objects that exist already, when this file runs after migrations (an upgrade, or a rerun).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO selfcare_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO selfcare_app;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO selfcare_app;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO selfcare_auditor;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO selfcare_auditor;

-- Flyway's history is the owner's alone: the portal has no reason to change which migrations count as applied.
DO $$
BEGIN
    IF to_regclass('public.flyway_schema_history') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON public.flyway_schema_history FROM selfcare_app;
    END IF;
END
$$;
