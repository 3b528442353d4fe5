-- The team server's first schema: accounts and sessions, projects and members, the shared queue of
-- notices with assignments, decisions and reviews, office models, and the append-only audit trail.
-- Decisions, reviews and events are never updated or deleted (triggers below refuse it).

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  display_name text,
  role text NOT NULL CHECK (role IN ('admin', 'reviewer', 'clerk')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_name ON users (lower(name));

-- The cookie carries a random token; only its sha-256 is stored, so a copy of the database opens
-- no session. id is the public handle used to list and revoke sessions.
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  user_id integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- Failed logins, counted per account and address (and per address) for the rate limit: in the
-- database, so every server behind a load balancer counts the same attempts.
CREATE TABLE login_failures (
  name text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (lower(name), ip, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
CREATE INDEX login_failures_at ON login_failures (at);

CREATE TABLE projects (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text,
  double_share double precision NOT NULL DEFAULT 0.1
    CHECK (double_share >= 0 AND double_share <= 1),
  review_suggestion_above double precision
    CHECK (review_suggestion_above > 0 AND review_suggestion_above <= 1),
  review_original boolean NOT NULL DEFAULT true,
  created_by integer REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_members (
  project_id integer NOT NULL REFERENCES projects (id),
  user_id integer NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

CREATE TABLE models (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id integer NOT NULL REFERENCES projects (id),
  status text NOT NULL CHECK (status IN ('training', 'ready', 'failed')),
  created_by integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  error text,
  examples integer NOT NULL,
  data_hash text NOT NULL,
  base jsonb NOT NULL,
  file jsonb
);
CREATE INDEX models_project ON models (project_id, id);

CREATE TABLE notices (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id integer NOT NULL REFERENCES projects (id),
  content_id text NOT NULL,
  source_kind text NOT NULL CHECK (source_kind IN ('paste', 'file', 'import')),
  source_name text,
  text text NOT NULL,
  meta jsonb NOT NULL,
  original_topic jsonb,
  suggestions jsonb,
  model_id integer REFERENCES models (id),
  -- 2 for the double-labelled share
  required smallint NOT NULL CHECK (required IN (1, 2)),
  -- kept in the row (not counted from assignments) so that taking work under SKIP LOCKED
  -- re-checks it on the locked row and never hands a notice to one clerk too many
  assignees smallint NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'review', 'done')),
  reasons jsonb NOT NULL DEFAULT '[]',
  flags jsonb NOT NULL DEFAULT '[]',
  final_topic jsonb,
  reviewed_topic jsonb,
  final_at timestamptz,
  rev integer NOT NULL DEFAULT 1,
  added_by integer REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, content_id)
);
CREATE INDEX notices_unassigned ON notices (project_id, id) WHERE assignees < required;
CREATE INDEX notices_state ON notices (project_id, state, id);

-- rev is the revision of this clerk's copy; changed_xid the transaction that last changed what the
-- clerk sees, for the pull cursor (see server/sync/pull.ts).
CREATE TABLE assignments (
  notice_id integer NOT NULL REFERENCES notices (id),
  user_id integer NOT NULL REFERENCES users (id),
  project_id integer NOT NULL REFERENCES projects (id),
  assigned_by integer REFERENCES users (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  rev integer NOT NULL DEFAULT 1,
  changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (notice_id, user_id)
);
CREATE INDEX assignments_pull ON assignments (user_id, project_id, changed_xid, notice_id);

CREATE TABLE decisions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  client_id text NOT NULL,
  notice_id integer NOT NULL REFERENCES notices (id),
  path jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('confirmed', 'overridden')),
  decided_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  base_rev integer NOT NULL,
  result_rev integer NOT NULL,
  stale boolean NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('accepted', 'conflict')),
  -- the idempotency key: a resend of the same decision is found here, never stored twice
  UNIQUE (user_id, client_id)
);
CREATE INDEX decisions_notice ON decisions (notice_id, user_id, decided_at);

CREATE TABLE reviews (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notice_id integer NOT NULL REFERENCES notices (id),
  reviewer_id integer NOT NULL REFERENCES users (id),
  path jsonb NOT NULL,
  reasons jsonb NOT NULL,
  note text,
  rev integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_notice ON reviews (notice_id, id);

CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id integer REFERENCES users (id),
  kind text NOT NULL,
  project_id integer REFERENCES projects (id),
  notice_id integer REFERENCES notices (id),
  rev integer,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_project ON events (project_id, id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$$;

CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER reviews_no_truncate BEFORE TRUNCATE ON reviews
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
