/** The migrations folder layouts core/diff/export writes (the contract's exportFormatSchema is made of them). */
export const EXPORT_FORMATS = [
  'supabase',
  'dbmate',
  'flyway',
  'sqitch',
  'golang-migrate',
  'alembic',
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
