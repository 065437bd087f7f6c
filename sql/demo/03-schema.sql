-- The demo API, shaped like the PostgREST production checklist: an exposed `api` schema, private `app`
-- and `internal` schemas, RLS on per-user rows, nothing granted by default. Runs as "developer", who
-- therefore owns every object. Role names are the quoted identifiers below (tests rename them).

-- Functions are not executable by PUBLIC unless granted on purpose.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA api;
CREATE SCHEMA app;
CREATE SCHEMA internal;
COMMENT ON SCHEMA api IS 'Exposed by PostgREST (db-schemas = api).';
COMMENT ON SCHEMA app IS 'Helpers the API uses; not exposed.';
COMMENT ON SCHEMA internal IS 'Private bookkeeping no request role can read.';

-- The JWT subject of the current request; NULL for anonymous requests (and when the claims are unset,
-- which after a transaction-local set_config is '' rather than NULL).
CREATE FUNCTION app.current_sub() RETURNS text
LANGUAGE sql STABLE
SET search_path = ''
AS $$ SELECT nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub' $$;

CREATE TABLE api.products (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  active boolean NOT NULL DEFAULT true
);
COMMENT ON TABLE api.products IS 'The catalogue: public, readable by anonymous visitors.';

CREATE TABLE api.customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sub text NOT NULL UNIQUE,
  name text NOT NULL,
  email text NOT NULL
);
COMMENT ON TABLE api.customers IS 'One row per JWT subject; only admins read it directly, users go through api.me().';
COMMENT ON COLUMN api.customers.sub IS 'The JWT "sub" claim of this customer.';

CREATE TABLE api.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL DEFAULT app.current_sub() REFERENCES api.customers (sub),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'shipped', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN api.orders.user_id IS 'Owner of the order: the JWT "sub" that placed it.';
CREATE INDEX orders_user_id_idx ON api.orders (user_id);

CREATE TABLE api.order_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES api.orders (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES api.products (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0)
);
CREATE INDEX order_items_order_id_idx ON api.order_items (order_id);

CREATE TABLE internal.order_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL,
  actor text,
  at timestamptz NOT NULL DEFAULT now()
);

-- Writes the audit row with the owner's rights: request roles cannot touch internal.* themselves.
CREATE FUNCTION internal.audit_order() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
  INSERT INTO internal.order_audit (order_id, actor) VALUES (NEW.id, app.current_sub());
  RETURN NEW;
END
$$;
CREATE TRIGGER orders_audit AFTER INSERT ON api.orders FOR EACH ROW EXECUTE FUNCTION internal.audit_order();

-- Row-level security: a user sees and writes only their own orders; app_admin sees everything.
ALTER TABLE api.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE api.order_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY orders_owner ON api.orders FOR ALL TO "app_user"
  USING (user_id = nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub')
  WITH CHECK (user_id = nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub');
CREATE POLICY orders_admin ON api.orders FOR ALL TO "app_admin"
  USING (true)
  WITH CHECK (true);

CREATE POLICY order_items_owner ON api.order_items FOR ALL TO "app_user"
  USING (EXISTS (
    SELECT FROM api.orders AS o
    WHERE o.id = order_items.order_id
      AND o.user_id = nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub'
  ))
  WITH CHECK (EXISTS (
    SELECT FROM api.orders AS o
    WHERE o.id = order_items.order_id
      AND o.user_id = nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub'
  ));
CREATE POLICY order_items_admin ON api.order_items FOR ALL TO "app_admin"
  USING (true)
  WITH CHECK (true);

-- security_invoker: the view applies the caller's privileges and RLS, not the owner's.
CREATE VIEW api.order_totals WITH (security_invoker = true) AS
SELECT
  o.id AS order_id,
  o.user_id,
  o.status,
  count(i.id)::integer AS items,
  coalesce(sum(i.quantity * i.unit_price_cents), 0)::bigint AS total_cents
FROM api.orders AS o
LEFT JOIN api.order_items AS i ON i.order_id = o.id
GROUP BY o.id;

-- Places a one-line order for the caller (SECURITY INVOKER: RLS and grants of the caller apply).
CREATE FUNCTION api.place_order(product_id bigint, quantity integer DEFAULT 1) RETURNS api.orders
LANGUAGE plpgsql VOLATILE
SET search_path = ''
AS $$
DECLARE
  placed api.orders;
  price integer;
BEGIN
  SELECT p.price_cents INTO price FROM api.products AS p WHERE p.id = place_order.product_id AND p.active;
  IF price IS NULL THEN
    RAISE EXCEPTION 'no such product: %', place_order.product_id USING ERRCODE = 'P0002';
  END IF;
  INSERT INTO api.orders DEFAULT VALUES RETURNING * INTO placed;
  INSERT INTO api.order_items (order_id, product_id, quantity, unit_price_cents)
  VALUES (placed.id, place_order.product_id, place_order.quantity, price);
  RETURN placed;
END
$$;

-- The caller's own customer row. SECURITY DEFINER: it reads api.customers with developer's rights,
-- which request roles do not have, and filters to the caller's sub itself.
CREATE FUNCTION api.me() RETURNS api.customers
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = ''
AS $$ SELECT c.* FROM api.customers AS c WHERE c.sub = app.current_sub() $$;

-- Grants: anon reads the catalogue; app_user orders; app_admin manages everything in api.
GRANT USAGE ON SCHEMA api TO "anon", "app_user", "app_admin";
GRANT USAGE ON SCHEMA app TO "app_user", "app_admin";
GRANT EXECUTE ON FUNCTION app.current_sub() TO "app_user", "app_admin";

GRANT SELECT ON api.products TO "anon", "app_user";
GRANT SELECT, INSERT, UPDATE, DELETE ON api.products TO "app_admin";
GRANT SELECT, INSERT, UPDATE, DELETE ON api.customers TO "app_admin";
GRANT SELECT, INSERT ON api.orders TO "app_user";
GRANT UPDATE (status) ON api.orders TO "app_user";
GRANT SELECT, INSERT, UPDATE, DELETE ON api.orders TO "app_admin";
GRANT SELECT, INSERT ON api.order_items TO "app_user";
GRANT SELECT, INSERT, UPDATE, DELETE ON api.order_items TO "app_admin";
GRANT SELECT ON api.order_totals TO "app_user", "app_admin";
GRANT EXECUTE ON FUNCTION api.place_order(bigint, integer) TO "app_user", "app_admin";
GRANT EXECUTE ON FUNCTION api.me() TO "app_user", "app_admin";
