/** The oldest PostgreSQL Gatehouse reads (array_subscript_handler, pg_sequence… and PostgREST v13's own floor). */
export const MIN_SERVER_VERSION_NUM = 140000;
export const MIN_SERVER_MAJOR = MIN_SERVER_VERSION_NUM / 10000;
