-- A → B: PUBLIC holds plpgsql again and not sql; auth holds sql with the grant option and gave it to anon.
SELECT has_language_privilege('{{anon}}', 'plpgsql', 'USAGE')
   AND EXISTS (SELECT FROM pg_language AS l, aclexplode(l.lanacl) AS a
               WHERE l.lanname = 'plpgsql' AND a.grantee = 0)
   AND NOT EXISTS (SELECT FROM pg_language AS l, aclexplode(l.lanacl) AS a
                   WHERE l.lanname = 'sql' AND a.grantee = 0)
   AND has_language_privilege('{{auth}}', 'sql', 'USAGE WITH GRANT OPTION')
   AND EXISTS (SELECT FROM pg_language AS l, aclexplode(l.lanacl) AS a
               WHERE l.lanname = 'sql' AND a.grantee = '{{anon}}'::regrole AND a.grantor = '{{auth}}'::regrole)
   AS ok;
