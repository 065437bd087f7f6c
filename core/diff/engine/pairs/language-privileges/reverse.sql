-- B → A: plpgsql kept from PUBLIC and held by anon alone; sql back to PUBLIC, auth's grants gone.
SELECT NOT EXISTS (SELECT FROM pg_language AS l, aclexplode(l.lanacl) AS a
                   WHERE l.lanname = 'plpgsql' AND a.grantee = 0)
   AND has_language_privilege('{{anon}}', 'plpgsql', 'USAGE')
   AND NOT has_language_privilege('{{auth}}', 'plpgsql', 'USAGE')
   AND EXISTS (SELECT FROM pg_language AS l, aclexplode(l.lanacl) AS a
               WHERE l.lanname = 'sql' AND a.grantee = 0)
   AND NOT has_language_privilege('{{auth}}', 'sql', 'USAGE WITH GRANT OPTION')
   AS ok;
