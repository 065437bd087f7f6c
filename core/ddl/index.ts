/**
 * The one DDL writer: quoting, a builder per kind of object, and whole-object / whole-database scripts written
 * from the catalog model. Builders return Statements (no trailing semicolon); toScript joins them.
 */
export * from './quote.js';
export * from './statement.js';
export { principal, routineSignature } from './names.js';
export { parenthesisedExpression } from './expression.js';
export { settingAssignment, splitGucList } from './settings.js';
export * from './grants.js';
export * from './roles.js';
export * from './memberships.js';
export * from './policies.js';
export * from './rls.js';
export * from './default-privileges.js';
