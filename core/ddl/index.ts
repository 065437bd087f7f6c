/**
 * The one DDL writer: quoting, a builder per kind of object, and whole-object / whole-database scripts written
 * from the catalog model. Builders return Statements (no trailing semicolon); toScript joins them.
 */
export * from './quote.js';
export * from './statement.js';
export { principal, routineSignature } from './names.js';
export { parenthesisedExpression, singleStatement, typeName } from './expression.js';
export { settingAssignment, splitGucList } from './settings.js';
export * from './grants.js';
export * from './roles.js';
export * from './memberships.js';
export * from './policies.js';
export * from './rls.js';
export * from './default-privileges.js';
export * from './target.js';
export * from './schemas.js';
export * from './extensions.js';
export * from './tables.js';
export * from './sequences.js';
export * from './indexes.js';
export * from './views.js';
export * from './functions.js';
export * from './triggers.js';
export * from './types.js';
export { aclStatements, defaultPrivilegeStatements } from './acl.js';
export { dependencyOrder } from './order.js';
export {
  ddlForDatabase,
  ddlForObject,
  ddlForRoles,
  type DatabaseDdl,
  type DatabaseDdlOptions,
} from './database-ddl.js';
