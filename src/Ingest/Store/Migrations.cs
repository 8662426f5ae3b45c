namespace PlanLink.Ingest.Store;

/// <summary>One versioned schema change. Applied once, in order, and recorded in <c>planlink.schema_version</c>;
/// a released migration is never edited: a change is a new migration.</summary>
public sealed record Migration(int Version, string Description, string Sql);

/// <summary>The schema of the store, as the list of migrations that build it (applied on connect by
/// <see cref="SchemaMigrator"/>). Everything lives in the <c>planlink</c> schema.</summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "contract tables, import ledger, current views, roles", V1),
    ];

    public static int Latest => All[^1].Version;

    // Design notes (docs/postgresql.md has the user's view):
    // - Person-level rows belong to an import batch (batch_id is part of every key), so a superseded
    //   export stays for audit but is never read; "current" views pick the current batches.
    // - Everything the importer writes is INSERT-only: superseding is a row in batch_supersession and
    //   reference data is versioned (a new version only when the content changed).
    // - Codes are stored as the contract's English codes (text) so SQL users read them directly.
    private const string V1 = """
        CREATE SCHEMA IF NOT EXISTS planlink;

        -- Roles are cluster-wide: create them once, tolerate a concurrent creator.
        DO $$
        DECLARE r text;
        BEGIN
          FOREACH r IN ARRAY ARRAY['planlink_importer', 'planlink_reporter', 'planlink_analyst'] LOOP
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
              BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
              EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
              END;
            END IF;
          END LOOP;
        END $$;

        -- The import ledger ----------------------------------------------------------------------
        CREATE TABLE planlink.import_batch (
          batch_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          batch_key       text        NOT NULL,   -- the offices of the export ('+'-joined), or 'reference'
          office_ids      text[]      NOT NULL,
          period          text,                   -- fiscal quarter of the latest date, e.g. 2026Q2
          fiscal_year     integer,
          quarter         smallint CHECK (quarter BETWEEN 1 AND 4),
          source          text        NOT NULL,   -- the folder as given on the command line
          content_sha256  text        NOT NULL UNIQUE CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
          is_synthetic    boolean     NOT NULL DEFAULT false,
          plans           integer     NOT NULL DEFAULT 0,
          needs           integer     NOT NULL DEFAULT 0,
          services        integer     NOT NULL DEFAULT 0,
          support_plans   integer     NOT NULL DEFAULT 0,
          support_goals   integer     NOT NULL DEFAULT 0,
          monitoring      integer     NOT NULL DEFAULT 0,
          offices         integer     NOT NULL DEFAULT 0,
          municipalities  integer     NOT NULL DEFAULT 0,
          rows_rejected   integer     NOT NULL DEFAULT 0,
          imported_at     timestamptz NOT NULL DEFAULT now(),
          imported_by     text        NOT NULL DEFAULT session_user,
          os_user         text,
          command         text        NOT NULL
        );
        CREATE INDEX import_batch_key ON planlink.import_batch (batch_key, period);

        CREATE TABLE planlink.import_file (
          batch_id       bigint  NOT NULL REFERENCES planlink.import_batch,
          file_name      text    NOT NULL,        -- relative to the batch folder
          sha256         text    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
          bytes          bigint  NOT NULL,
          rows_read      integer NOT NULL,
          rows_accepted  integer NOT NULL,
          rows_rejected  integer NOT NULL,
          PRIMARY KEY (batch_id, file_name)
        );

        -- A newer export of the same offices and period replaces an older one: recorded, never deleted.
        CREATE TABLE planlink.batch_supersession (
          superseded_batch_id  bigint PRIMARY KEY REFERENCES planlink.import_batch,
          by_batch_id          bigint NOT NULL REFERENCES planlink.import_batch,
          at                   timestamptz NOT NULL DEFAULT now(),
          CHECK (superseded_batch_id <> by_batch_id)
        );

        CREATE VIEW planlink.current_batch AS
          SELECT b.* FROM planlink.import_batch b
          WHERE NOT EXISTS (SELECT 1 FROM planlink.batch_supersession s WHERE s.superseded_batch_id = b.batch_id);

        -- Reference data: versioned, one copy per region ----------------------------------------------
        CREATE TABLE planlink.municipality_version (
          municipality_code char(6) NOT NULL CHECK (municipality_code ~ '^[0-9]{6}$'),
          version_id   bigint GENERATED ALWAYS AS IDENTITY,
          batch_id     bigint NOT NULL REFERENCES planlink.import_batch,
          name         text    NOT NULL,
          prefecture   text    NOT NULL,
          region       text    NOT NULL,
          population   integer NOT NULL CHECK (population >= 0),
          PRIMARY KEY (municipality_code, version_id)
        );

        CREATE TABLE planlink.office_version (
          office_id          char(10) NOT NULL CHECK (office_id ~ '^[0-9]{10}$'),
          service            text     NOT NULL,
          version_id         bigint GENERATED ALWAYS AS IDENTITY,
          batch_id           bigint   NOT NULL REFERENCES planlink.import_batch,
          office_name        text     NOT NULL,
          municipality_code  char(6)  NOT NULL,
          capacity           numeric  NOT NULL CHECK (capacity >= 0),
          opened             date,
          closed             date,
          PRIMARY KEY (office_id, service, version_id)
        );

        CREATE VIEW planlink.municipality AS
          SELECT DISTINCT ON (municipality_code) municipality_code, name, prefecture, region, population
          FROM planlink.municipality_version ORDER BY municipality_code, version_id DESC;

        CREATE VIEW planlink.office AS
          SELECT DISTINCT ON (office_id, service) office_id, service, office_name, municipality_code, capacity, opened, closed
          FROM planlink.office_version ORDER BY office_id, service, version_id DESC;

        -- Person-level rows (pseudonymised; internal) ------------------------------------------------
        CREATE TABLE planlink.plan (
          batch_id           bigint   NOT NULL REFERENCES planlink.import_batch,
          plan_id            text     NOT NULL,
          person_key         text     NOT NULL,
          office_id          char(10) NOT NULL,
          municipality_code  char(6)  NOT NULL,
          plan_date          date     NOT NULL,
          plan_kind          text     NOT NULL,
          age_band           text     NOT NULL,
          disability_types   text[]   NOT NULL,
          support_category   smallint NOT NULL CHECK (support_category BETWEEN 0 AND 6),
          monitoring_months  smallint NOT NULL,
          end_date           date,
          wishes             text,
          PRIMARY KEY (batch_id, plan_id),
          UNIQUE (municipality_code, batch_id, plan_id)   -- the key child rows refer to (Citus-ready)
        );

        CREATE TABLE planlink.plan_need (
          municipality_code char(6) NOT NULL,    -- the plan's, carried so rows shard with their plan
          batch_id       bigint   NOT NULL,
          plan_id        text     NOT NULL,
          priority       smallint NOT NULL,
          need_text      text     NOT NULL,
          domain         text,
          goal_text      text     NOT NULL,
          target_months  smallint,
          person_role    text,
          PRIMARY KEY (municipality_code, batch_id, plan_id, priority),
          FOREIGN KEY (municipality_code, batch_id, plan_id) REFERENCES planlink.plan (municipality_code, batch_id, plan_id)
        );

        CREATE TABLE planlink.plan_service (
          municipality_code   char(6)  NOT NULL,
          batch_id            bigint   NOT NULL,
          plan_id             text     NOT NULL,
          priority            smallint NOT NULL,
          service             text     NOT NULL,
          since               date     NOT NULL,
          amount              numeric,
          unit                text,
          provider_office_id  char(10),
          status              text     NOT NULL,
          PRIMARY KEY (municipality_code, batch_id, plan_id, priority, service, since),
          FOREIGN KEY (municipality_code, batch_id, plan_id) REFERENCES planlink.plan (municipality_code, batch_id, plan_id)
        );

        CREATE TABLE planlink.support_plan (
          batch_id            bigint   NOT NULL REFERENCES planlink.import_batch,
          support_plan_id     text     NOT NULL,
          person_key          text     NOT NULL,
          provider_office_id  char(10) NOT NULL,
          service             text     NOT NULL,
          plan_date           date     NOT NULL,
          long_goal           text     NOT NULL,
          short_goal          text     NOT NULL,
          PRIMARY KEY (batch_id, support_plan_id)
        );

        CREATE TABLE planlink.support_goal (
          batch_id         bigint   NOT NULL,
          support_plan_id  text     NOT NULL,
          goal_no          smallint NOT NULL,
          goal_text        text     NOT NULL,
          linked_priority  smallint,
          period_months    smallint,
          staff_role       text,
          PRIMARY KEY (batch_id, support_plan_id, goal_no),
          FOREIGN KEY (batch_id, support_plan_id) REFERENCES planlink.support_plan
        );

        CREATE TABLE planlink.monitoring (
          municipality_code       char(6)  NOT NULL,
          batch_id                bigint   NOT NULL,
          plan_id                 text     NOT NULL,
          monitoring_date         date     NOT NULL,
          priority                smallint NOT NULL,
          achievement             text     NOT NULL,
          change_service_type     boolean  NOT NULL,
          change_amount           boolean  NOT NULL,
          change_weekly_schedule  boolean  NOT NULL,
          new_issue               text,
          PRIMARY KEY (municipality_code, batch_id, plan_id, monitoring_date, priority),
          FOREIGN KEY (municipality_code, batch_id, plan_id) REFERENCES planlink.plan (municipality_code, batch_id, plan_id)
        );

        -- Micro views: the current batches only; a row re-sent by several current exports counts once
        -- (the newest batch's copy wins). These are what PlanStore.Load reads.
        CREATE VIEW planlink.plan_current AS
          SELECT DISTINCT ON (p.plan_id) p.*
          FROM planlink.plan p JOIN planlink.current_batch b USING (batch_id)
          ORDER BY p.plan_id, p.batch_id DESC;

        CREATE VIEW planlink.plan_need_current AS
          SELECT DISTINCT ON (n.plan_id, n.priority) n.*
          FROM planlink.plan_need n JOIN planlink.current_batch b USING (batch_id)
          ORDER BY n.plan_id, n.priority, n.batch_id DESC;

        CREATE VIEW planlink.plan_service_current AS
          SELECT DISTINCT ON (s.plan_id, s.priority, s.service, s.since) s.*
          FROM planlink.plan_service s JOIN planlink.current_batch b USING (batch_id)
          ORDER BY s.plan_id, s.priority, s.service, s.since, s.batch_id DESC;

        CREATE VIEW planlink.support_plan_current AS
          SELECT DISTINCT ON (s.support_plan_id) s.*
          FROM planlink.support_plan s JOIN planlink.current_batch b USING (batch_id)
          ORDER BY s.support_plan_id, s.batch_id DESC;

        CREATE VIEW planlink.support_goal_current AS
          SELECT DISTINCT ON (g.support_plan_id, g.goal_no) g.*
          FROM planlink.support_goal g JOIN planlink.current_batch b USING (batch_id)
          ORDER BY g.support_plan_id, g.goal_no, g.batch_id DESC;

        CREATE VIEW planlink.monitoring_current AS
          SELECT DISTINCT ON (m.plan_id, m.monitoring_date, m.priority) m.*
          FROM planlink.monitoring m JOIN planlink.current_batch b USING (batch_id)
          ORDER BY m.plan_id, m.monitoring_date, m.priority, m.batch_id DESC;

        -- Meso view (internal): per consultation office.
        CREATE VIEW planlink.meso_office_summary AS
          SELECT p.office_id, p.municipality_code,
                 count(*) AS plans, count(DISTINCT p.person_key) AS persons,
                 max(p.plan_date) AS latest_plan_date
          FROM planlink.plan_current p
          GROUP BY p.office_id, p.municipality_code;

        -- Aggregate views (no person-level rows): what planlink_reporter may read. Raw counts, not yet
        -- through disclosure control: a published figure still goes through PlanLink's report.
        CREATE VIEW planlink.agg_plans_by_municipality_quarter AS
          SELECT p.municipality_code,
                 (extract(year FROM p.plan_date - interval '3 months'))::int AS fiscal_year,
                 ((extract(month FROM p.plan_date)::int + 8) % 12 / 3 + 1)::smallint AS quarter,
                 count(*) AS plans, count(DISTINCT p.person_key) AS persons
          FROM planlink.plan_current p
          GROUP BY 1, 2, 3;

        CREATE VIEW planlink.agg_service_status_by_municipality AS
          WITH latest AS (
            SELECT DISTINCT ON (s.plan_id, s.priority, s.service) s.plan_id, s.service, s.status, s.amount
            FROM planlink.plan_service_current s
            ORDER BY s.plan_id, s.priority, s.service, s.since DESC)
          SELECT p.municipality_code, l.service, l.status,
                 count(DISTINCT p.person_key) AS persons, sum(l.amount) AS amount
          FROM latest l JOIN planlink.plan_current p USING (plan_id)
          GROUP BY 1, 2, 3;

        CREATE VIEW planlink.agg_supply_by_municipality AS
          SELECT o.municipality_code, o.service, count(*) AS offices, sum(o.capacity) AS capacity
          FROM planlink.office o
          WHERE o.closed IS NULL OR o.closed > current_date
          GROUP BY 1, 2;

        -- Least privilege ------------------------------------------------------------------------------
        REVOKE ALL ON SCHEMA planlink FROM PUBLIC;
        GRANT USAGE ON SCHEMA planlink TO planlink_importer, planlink_reporter, planlink_analyst;

        -- The importer adds batches: INSERT only (plus reading the ledger and reference data it must compare).
        GRANT SELECT, INSERT ON planlink.import_batch, planlink.import_file, planlink.batch_supersession,
                                planlink.municipality_version, planlink.office_version TO planlink_importer;
        GRANT SELECT ON planlink.current_batch, planlink.municipality, planlink.office TO planlink_importer;
        GRANT INSERT ON planlink.plan, planlink.plan_need, planlink.plan_service, planlink.support_plan,
                        planlink.support_goal, planlink.monitoring TO planlink_importer;

        -- The reporter reads aggregates and public reference data only.
        GRANT SELECT ON planlink.agg_plans_by_municipality_quarter, planlink.agg_service_status_by_municipality,
                        planlink.agg_supply_by_municipality, planlink.municipality, planlink.office TO planlink_reporter;

        -- The internal analyst reads the current micro and meso views (not superseded audit rows).
        GRANT SELECT ON planlink.plan_current, planlink.plan_need_current, planlink.plan_service_current,
                        planlink.support_plan_current, planlink.support_goal_current, planlink.monitoring_current,
                        planlink.meso_office_summary, planlink.current_batch, planlink.import_batch,
                        planlink.import_file, planlink.batch_supersession,
                        planlink.agg_plans_by_municipality_quarter, planlink.agg_service_status_by_municipality,
                        planlink.agg_supply_by_municipality, planlink.municipality, planlink.office TO planlink_analyst;

        GRANT SELECT ON planlink.schema_version TO planlink_importer, planlink_reporter, planlink_analyst;

        -- The owner that migrates may switch to each role (SET ROLE); a superuser needs no membership.
        DO $$
        BEGIN
          IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            EXECUTE format('GRANT planlink_importer, planlink_reporter, planlink_analyst TO %I', current_user);
          END IF;
        END $$;
        """;
}
