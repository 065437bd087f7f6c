-- For `gatehouse diff` of two live databases: per relation of the included schemas ($1), a fingerprint of what
-- the catalog read takes from it and its members (pg_class facts, columns with their defaults and comments,
-- constraints, indexes, policies, grants, owned sequences), so that the tables equal on both sides can be left
-- out of the full read (core/catalog/trim.ts). Raw catalog facts, not deparsed definitions (deparsing is what
-- the read spends its time on). A stored expression's node tree holds the position of the expression in the
-- script that made it; a CHECK or a policy that uses nothing but its own table's columns (by number: their
-- names are in cols) is hashed as its tree without those positions (`:location N`), for deparsing it makes
-- the server open every relation (a third of this query, cold). One that uses another object holds its OID,
-- which may stand for another object in the other database: deparsed, as are defaults (cheap without their
-- relation) and index expressions. The facts are
-- compared across two databases, so no OID of a user object may stand in them: members are matched by name,
-- other relations are named (refs), and a member that uses any other user object (a type, function, collation,
-- operator class, extension…) or one initdb made after its bootstrap (see `used`) makes the relation `fixed`
-- (always read), because its OID means nothing in the other database.
-- Only plain tables outside partition and inheritance trees and views, without user triggers, rules (but a
-- view's own), publications or extended statistics, can be left out; every other relation is listed `fixed`.
-- Members are summed as 64-bit hashes (their order is not a fact: each row names its member), each record's hash
-- mixed again first: a record's hash is linear in its fields' hashes, and so would be the sum, blind to two
-- members trading a field (columns x, y becoming y, x).
WITH rel AS (
  SELECT c.oid, n.nspname, c.relname, (c.relkind = 'r' AND NOT c.relispartition) OR c.relkind = 'v' AS plain
  FROM pg_catalog.pg_class AS c
  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
    AND c.relnamespace = ANY ($1::oid[])
),
-- Serial and identity sequences belong to their table.
owned AS (
  SELECT dep.refobjid AS rel, dep.objid AS seq, dep.refobjsubid AS col, dep.deptype
  FROM pg_catalog.pg_sequence AS s
  JOIN pg_catalog.pg_depend AS dep
    ON dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = s.seqrelid
  WHERE dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjsubid > 0 AND dep.deptype IN ('a', 'i')
),
-- Every catalog object that belongs to a relation, with that relation.
member AS (
  SELECT 'pg_catalog.pg_class'::regclass AS classid, oid AS objid, oid AS rel FROM rel
  UNION ALL
  SELECT 'pg_catalog.pg_class'::regclass, i.indexrelid, i.indrelid FROM pg_catalog.pg_index AS i
  UNION ALL
  SELECT 'pg_catalog.pg_class'::regclass, seq, rel FROM owned
  UNION ALL
  SELECT 'pg_catalog.pg_attrdef'::regclass, ad.oid, ad.adrelid FROM pg_catalog.pg_attrdef AS ad
  UNION ALL
  SELECT 'pg_catalog.pg_constraint'::regclass, con.oid, con.conrelid
  FROM pg_catalog.pg_constraint AS con WHERE con.conrelid <> 0
  UNION ALL
  SELECT 'pg_catalog.pg_policy'::regclass, p.oid, p.polrelid FROM pg_catalog.pg_policy AS p
  UNION ALL
  -- Internal triggers (a foreign key's, on both tables) are the constraint's, which names its tables.
  SELECT 'pg_catalog.pg_trigger'::regclass, t.oid, t.tgrelid FROM pg_catalog.pg_trigger AS t WHERE NOT t.tgisinternal
  UNION ALL
  SELECT 'pg_catalog.pg_rewrite'::regclass, r.oid, r.ev_class FROM pg_catalog.pg_rewrite AS r
),
-- What the members use outside their own relation: user objects, and what initdb made after its bootstrap
-- (OID 12000 up: the operating system's collations, information_schema, system views), numbered in the order
-- each cluster made them, so that an OID of theirs too may name another object elsewhere. Below 12000, built-in
-- OIDs are the same in every cluster of a major.
used AS (
  SELECT m.rel, dep.refclassid, dep.refobjid, dep.deptype, rm.rel AS ref_rel,
         dep.classid = 'pg_catalog.pg_constraint'::regclass AND EXISTS (
           SELECT FROM pg_catalog.pg_constraint AS con WHERE con.oid = dep.objid AND con.contype = 'f'
         ) AS via_foreign_key
  FROM pg_catalog.pg_depend AS dep
  JOIN member AS m ON m.classid = dep.classid AND m.objid = dep.objid
  LEFT JOIN member AS rm ON rm.classid = dep.refclassid AND rm.objid = dep.refobjid
  WHERE dep.refobjid >= 12000
    AND dep.refclassid <> 'pg_catalog.pg_namespace'::regclass
    -- Only the catalogs members are in (types' own edges, the commonest others, are no member's).
    AND dep.classid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_attrdef'::regclass,
                        'pg_catalog.pg_constraint'::regclass, 'pg_catalog.pg_policy'::regclass,
                        'pg_catalog.pg_trigger'::regclass, 'pg_catalog.pg_rewrite'::regclass)
    -- A member's AUTO and INTERNAL edges to relations and constraints are to its own (columns, the constraint
    -- of an index, a view's rule) or, for a partition, to its parent (partitions are fixed); nine edges in ten
    -- are those, and they go before the join. (Other AUTO edges stay: on 14 a generated column's expression
    -- makes AUTO edges to what it uses.)
    AND NOT (dep.deptype IN ('a', 'i')
             AND dep.refclassid IN ('pg_catalog.pg_class'::regclass, 'pg_catalog.pg_constraint'::regclass))
    -- A member's use of its own relation (its columns) is the commonest edge: gone before the second join.
    AND NOT (dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjid = m.rel)
    AND (rm.rel IS NULL OR rm.rel <> m.rel)
),
refs AS (
  SELECT u.rel,
         bool_or(u.fixed) AS fixed,
         -- "f|o", schema and name joined by U+001F (a row of text[] costs the client far less than a text[][]).
         pg_catalog.array_agg((CASE WHEN u.via_foreign_key THEN 'f' ELSE 'o' END) || E'\x1f'
           || rn.nspname || E'\x1f' || rc.relname) FILTER (WHERE u.ref_rel IS NOT NULL) AS names
  -- Each relation named once (a view reading five columns of a table has five edges to it) before its name
  -- is looked up and spelt.
  FROM (
    SELECT u.rel, u.ref_rel, u.via_foreign_key,
           -- Another relation is named; anything else fixes the relation.
           bool_or(u.ref_rel IS NULL OR u.deptype = 'e') AS fixed
    FROM used AS u
    GROUP BY u.rel, u.ref_rel, u.via_foreign_key
  ) AS u
  LEFT JOIN pg_catalog.pg_class AS rc ON rc.oid = u.ref_rel
  LEFT JOIN pg_catalog.pg_namespace AS rn ON rn.oid = rc.relnamespace
  GROUP BY u.rel
),
cols AS (
  -- What columns.sql takes of a column (inheritance and what ADD COLUMN left for existing rows aside: a table in
  -- an INHERITS tree is fixed, and the missing value is no fact of the model).
  SELECT a.attrelid AS rel,
         pg_catalog.sum(pg_catalog.hashint8extended(pg_catalog.hash_record_extended(ROW(
           a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attidentity, a.attgenerated,
           a.attisdropped, a.attcollation, a.attstorage, a.attcompression, a.attstattarget,
           a.attacl::text, a.attoptions, a.attfdwoptions,
           -- A DEFAULT cannot name a column: deparsed without the relation (not opened).
           CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0)
                ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END,
           d.description), 0), 0)) AS facts,
         -- What a foreign key to the table rests on (with keys below): its columns, their order and types.
         pg_catalog.sum(pg_catalog.hashint8extended(pg_catalog.hash_record_extended(ROW(
           a.attnum, a.attname, a.atttypid, a.atttypmod, a.attcollation, a.attisdropped), 0), 0))
           AS key_facts
  FROM pg_catalog.pg_attribute AS a
  JOIN rel ON rel.oid = a.attrelid AND rel.plain
  LEFT JOIN pg_catalog.pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_description AS d
    ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
  WHERE a.attnum > 0
  GROUP BY a.attrelid
),
cons AS (
  SELECT con.rel,
         pg_catalog.sum(pg_catalog.hashint8extended(con.h, 0)) AS facts,
         pg_catalog.sum(pg_catalog.hashint8extended(con.h, 0)) FILTER (WHERE con.key) AS key_facts
  FROM (
    SELECT con.conrelid AS rel, con.contype IN ('p', 'u', 'x') AS key,
           pg_catalog.hash_record_extended(ROW(
             con.conname, con.contype, con.condeferrable, con.condeferred, con.convalidated,
             con.conkey, con.confkey, con.confupdtype, con.confdeltype, con.confmatchtype, con.conislocal,
             con.coninhcount, con.connoinherit, con.conpfeqop, con.conppeqop, con.conffeqop, con.conexclop,
             CASE WHEN con.conbin IS NULL THEN NULL
                  WHEN EXISTS (SELECT FROM pg_catalog.pg_depend AS x
                              WHERE x.classid = 'pg_catalog.pg_constraint'::regclass AND x.objid = con.oid
                                AND x.refobjid >= 12000
                                AND NOT (x.refclassid = 'pg_catalog.pg_class'::regclass AND x.refobjid = con.conrelid))
                    THEN ARRAY[pg_catalog.pg_get_expr(con.conbin, con.conrelid)]
                  ELSE ARRAY(SELECT pg_catalog.ltrim(e, '-0123456789')
                        FROM pg_catalog.unnest(pg_catalog.string_to_array(con.conbin::text, ' :location ')) AS e) END,
             fn.nspname, fc.relname, ic.relname, d.description,
             -- What later majors added to a constraint (ON DELETE SET NULL (columns) in 15, NOT ENFORCED, PERIOD and
             -- WITHOUT OVERLAPS in 18) is read from its definition, only where it can stand.
             CASE WHEN (con.contype = 'f' AND iam.amname <> 'btree') OR NOT con.convalidated OR con.conexclop IS NOT NULL
                  THEN pg_catalog.pg_get_constraintdef(con.oid)
                  -- ON DELETE SET NULL / SET DEFAULT (columns): the column, on 15+, costs half of the definition.
                  WHEN con.contype = 'f' AND con.confdeltype IN ('n', 'd')
                  THEN pg_catalog.to_jsonb(con) ->> 'confdelsetcols' END), 0) AS h
    FROM pg_catalog.pg_constraint AS con
    JOIN rel ON rel.oid = con.conrelid AND rel.plain
    LEFT JOIN pg_catalog.pg_class AS fc ON fc.oid = con.confrelid AND con.contype = 'f'
    LEFT JOIN pg_catalog.pg_namespace AS fn ON fn.oid = fc.relnamespace
    LEFT JOIN pg_catalog.pg_class AS ic ON ic.oid = con.conindid AND con.conindid <> 0
    LEFT JOIN pg_catalog.pg_am AS iam ON iam.oid = ic.relam
    LEFT JOIN pg_catalog.pg_description AS d
      ON d.objoid = con.oid AND d.classoid = 'pg_catalog.pg_constraint'::regclass AND d.objsubid = 0
    -- Not pulled up into the sums: each would compute the hash again.
    OFFSET 0
  ) AS con
  GROUP BY con.rel
),
idx AS (
  SELECT i.rel,
         pg_catalog.sum(pg_catalog.hashint8extended(i.h, 0)) AS facts,
         pg_catalog.sum(pg_catalog.hashint8extended(i.h, 0)) FILTER (WHERE i.key) AS key_facts
  FROM (
    SELECT i.indrelid AS rel, i.indisunique AS key,
           pg_catalog.hash_record_extended(ROW(
             ic.relname, ic.relam, ic.reloptions, ts.spcname, i.indnatts, i.indnkeyatts,
             i.indisunique, i.indisprimary, i.indisexclusion, i.indimmediate, i.indisclustered, i.indisvalid,
             i.indisreplident, i.indkey, i.indcollation, i.indclass, i.indoption,
             pg_catalog.pg_get_expr(i.indexprs, i.indrelid), pg_catalog.pg_get_expr(i.indpred, i.indrelid),
             d.description,
             -- NULLS NOT DISTINCT (15; no such column before, so read through jsonb, for unique indexes only).
             CASE WHEN i.indisunique AND NOT i.indisprimary THEN pg_catalog.to_jsonb(i) -> 'indnullsnotdistinct' END,
             CASE WHEN i.indexprs IS NOT NULL THEN
               ARRAY(SELECT ia.attstattarget FROM pg_catalog.pg_attribute AS ia
                     WHERE ia.attrelid = i.indexrelid ORDER BY ia.attnum)
             END), 0) AS h
    FROM pg_catalog.pg_index AS i
    JOIN rel ON rel.oid = i.indrelid AND rel.plain
    JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid
    LEFT JOIN pg_catalog.pg_tablespace AS ts ON ts.oid = ic.reltablespace
    LEFT JOIN pg_catalog.pg_description AS d
      ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
    -- Not pulled up into the sums: each would compute the hash again.
    OFFSET 0
  ) AS i
  GROUP BY i.rel
),
pols AS (
  SELECT p.polrelid AS rel,
         pg_catalog.sum(pg_catalog.hashint8extended(pg_catalog.hash_record_extended(ROW(
           p.polname, p.polcmd, p.polpermissive,
           ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r)::text END
                 FROM unnest(p.polroles) AS r ORDER BY 1),
           CASE WHEN p.user_refs THEN ARRAY[pg_catalog.pg_get_expr(p.polqual, p.polrelid)]
                ELSE ARRAY(SELECT pg_catalog.ltrim(e, '-0123456789')
                      FROM pg_catalog.unnest(pg_catalog.string_to_array(p.polqual::text, ' :location ')) AS e) END,
           CASE WHEN p.user_refs THEN ARRAY[pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)]
                ELSE ARRAY(SELECT pg_catalog.ltrim(e, '-0123456789')
                      FROM pg_catalog.unnest(pg_catalog.string_to_array(p.polwithcheck::text, ' :location ')) AS e) END,
           d.description), 0), 0)) AS facts
  FROM (
    SELECT p.*, EXISTS (
             SELECT FROM pg_catalog.pg_depend AS x
             WHERE x.classid = 'pg_catalog.pg_policy'::regclass AND x.objid = p.oid AND x.refobjid >= 12000
               AND NOT (x.refclassid = 'pg_catalog.pg_class'::regclass AND x.refobjid = p.polrelid)
           ) AS user_refs
    FROM pg_catalog.pg_policy AS p
  ) AS p
  JOIN rel ON rel.oid = p.polrelid AND rel.plain
  LEFT JOIN pg_catalog.pg_description AS d
    ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_policy'::regclass AND d.objsubid = 0
  GROUP BY p.polrelid
),
seqs AS (
  SELECT o.rel,
         pg_catalog.sum(pg_catalog.hashint8extended(pg_catalog.hash_record_extended(ROW(
           sc.relname, sn.nspname, o.col, o.deptype, s.seqtypid, s.seqstart, s.seqincrement,
           s.seqmax, s.seqmin, s.seqcache, s.seqcycle, sc.relpersistence, sc.relacl::text,
           pg_catalog.pg_get_userbyid(sc.relowner), d.description), 0), 0)) AS facts,
         pg_catalog.array_agg(o.seq) AS oids
  FROM owned AS o
  JOIN rel ON rel.oid = o.rel AND rel.plain
  JOIN pg_catalog.pg_class AS sc ON sc.oid = o.seq
  JOIN pg_catalog.pg_namespace AS sn ON sn.oid = sc.relnamespace
  JOIN pg_catalog.pg_sequence AS s ON s.seqrelid = o.seq
  LEFT JOIN pg_catalog.pg_description AS d
    ON d.objoid = o.seq AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
  GROUP BY o.rel
)
SELECT
  c.oid,
  rel.nspname AS schema,
  rel.relname AS name,
  NOT (rel.plain AND c.reloftype = 0 AND NOT coalesce(refs.fixed, false)
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_inherits AS ih WHERE ih.inhrelid = c.oid)
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_inherits AS ih WHERE ih.inhparent = c.oid)
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_trigger AS t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal)
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_rewrite AS r WHERE r.ev_class = c.oid AND r.rulename <> '_RETURN')
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_publication_rel AS pr WHERE pr.prrelid = c.oid)
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_statistic_ext AS x WHERE x.stxrelid = c.oid)) AS fixed,
  pg_catalog.md5(ROW(c.relkind, c.relpersistence, c.relam, ts.spcname, c.relrowsecurity, c.relforcerowsecurity,
    c.relreplident, c.reloptions, c.relacl, pg_catalog.pg_get_userbyid(c.relowner), tc.reloptions, d.description,
    cols.facts, cons.facts, idx.facts, pols.facts, seqs.facts,
    -- A view's query, as the read writes it (its stored tree names the relations it reads by OID).
    CASE WHEN c.relkind = 'v' THEN pg_catalog.pg_get_viewdef(c.oid) END)::text) AS fingerprint,
  -- What a foreign key to it rests on, which a table that has one needs to be read along with it (the key may
  -- be dropped and made again around the change): its kind, persistence, columns and unique keys and indexes.
  pg_catalog.md5(ROW(c.relkind, c.relpersistence, cols.key_facts, cons.key_facts, idx.key_facts)::text)
    AS key_fingerprint,
  coalesce(refs.names, '{}') AS refs,
  coalesce(seqs.oids, '{}') AS sequence_oids
FROM rel
JOIN pg_catalog.pg_class AS c ON c.oid = rel.oid
LEFT JOIN pg_catalog.pg_tablespace AS ts ON ts.oid = c.reltablespace
LEFT JOIN pg_catalog.pg_class AS tc ON tc.oid = c.reltoastrelid AND c.reltoastrelid <> 0
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
LEFT JOIN refs ON refs.rel = c.oid
LEFT JOIN cols ON cols.rel = c.oid
LEFT JOIN cons ON cons.rel = c.oid
LEFT JOIN idx ON idx.rel = c.oid
LEFT JOIN pols ON pols.rel = c.oid
LEFT JOIN seqs ON seqs.rel = c.oid
ORDER BY rel.nspname COLLATE "C", rel.relname COLLATE "C";
