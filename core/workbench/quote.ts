// The project's identifier quoter, re-exported so the workbench imports it from one place. It always quotes: a
// name from the user (filter column, edited column) never stays bare.
export { quoteIdentAlways as quoteIdent } from '../ddl/quote.js';
