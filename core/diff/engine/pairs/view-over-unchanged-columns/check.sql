SELECT (SELECT view_oid FROM api.kept) = 'api.item_notes'::regclass::oid AS ok
