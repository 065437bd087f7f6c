-- Sample rows (run as developer, the owner, so RLS does not filter the inserts).
INSERT INTO api.products (name, price_cents, active) VALUES
  ('Espresso beans, 1 kg', 2490, true),
  ('Filter papers, 100', 450, true),
  ('Hand grinder', 8900, true),
  ('Milk jug, 350 ml', 1590, true),
  ('Descaler (discontinued)', 990, false);

INSERT INTO api.customers (sub, name, email) VALUES
  ('alice', 'Alice Martin', 'alice@example.com'),
  ('bob', 'Bob Okafor', 'bob@example.com'),
  ('carol', 'Carol Nguyen', 'carol@example.com');

INSERT INTO api.orders (user_id, status, created_at) VALUES
  ('alice', 'paid', '2026-01-05 10:00+00'),
  ('alice', 'open', '2026-02-11 16:30+00'),
  ('bob', 'shipped', '2026-01-20 09:15+00'),
  ('carol', 'cancelled', '2026-03-02 12:00+00');

INSERT INTO api.order_items (order_id, product_id, quantity, unit_price_cents)
SELECT o.id, p.id, v.quantity, p.price_cents
FROM (VALUES
  ('alice', 'paid', 'Espresso beans, 1 kg', 2),
  ('alice', 'paid', 'Filter papers, 100', 1),
  ('alice', 'open', 'Hand grinder', 1),
  ('bob', 'shipped', 'Milk jug, 350 ml', 1),
  ('bob', 'shipped', 'Espresso beans, 1 kg', 1),
  ('carol', 'cancelled', 'Filter papers, 100', 3)
) AS v (user_id, status, product, quantity)
JOIN api.orders AS o ON o.user_id = v.user_id AND o.status = v.status
JOIN api.products AS p ON p.name = v.product;
