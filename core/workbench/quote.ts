// The project's identifier quoter, re-exported so the workbench switches in one line when quoting moves to
// core/ddl. It always quotes: a name from the user (filter column, edited column) never stays bare.
export { quoteIdent } from '../act-as/execute/session.js';
