/**
 * Path + method + profile headers → resource, schema and action (PostgREST's getResource, getSchema, getAction).
 *
 * @example
 *   getResource(['rpc', 'add'], cfg)  // {type:'routine', name:'add'}
 *   getAction({type:'relation', name:'tasks'}, 'api', 'PATCH') // relation-mut update
 */
import { pgrst } from '../errors/codes.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import type { PostgrestConfig } from '../config/types.js';
import type { Action, Resource } from './types.js';

export function getResource(
  segments: readonly string[],
  config: Pick<PostgrestConfig, 'openApiMode' | 'dbRootSpec'>,
): Result<Resource> {
  if (segments.length === 0) {
    if (config.openApiMode === 'disabled') return err(pgrst.openApiDisabled());
    if (config.dbRootSpec !== null) return ok({ type: 'routine', name: config.dbRootSpec.name });
    return ok({ type: 'schema' });
  }
  if (segments.length === 1) return ok({ type: 'relation', name: segments[0]! });
  if (segments.length === 2 && segments[0] === 'rpc') return ok({ type: 'routine', name: segments[1]! });
  return err(pgrst.invalidResourcePath());
}

/**
 * The schema: Content-Profile for POST/PATCH/PUT/DELETE, Accept-Profile otherwise; PGRST106 when it is not in
 * db-schemas. `negotiatedByProfile` is true when a profile header chose it or several schemas are exposed.
 */
export function getSchema(
  dbSchemas: readonly string[],
  lookupHeader: (name: string) => string | null,
  method: string,
): Result<{ schema: string; negotiatedByProfile: boolean }> {
  const useContent = method === 'DELETE' || method === 'PATCH' || method === 'POST' || method === 'PUT';
  const profile = lookupHeader(useContent ? 'content-profile' : 'accept-profile');
  if (profile !== null) {
    if (!dbSchemas.includes(profile)) return err(pgrst.unacceptableSchema(profile, dbSchemas));
    return ok({ schema: profile, negotiatedByProfile: true });
  }
  return ok({ schema: dbSchemas[0] ?? 'public', negotiatedByProfile: dbSchemas.length !== 1 });
}

export function getAction(resource: Resource, schema: string, method: string): Result<Action> {
  switch (resource.type) {
    case 'routine': {
      const q = { schema, name: resource.name };
      switch (method) {
        case 'HEAD':
          return ok({ type: 'routine', qi: q, invokeMethod: { type: 'read', headersOnly: true } });
        case 'GET':
          return ok({ type: 'routine', qi: q, invokeMethod: { type: 'read', headersOnly: false } });
        case 'POST':
          return ok({ type: 'routine', qi: q, invokeMethod: { type: 'inv' } });
        case 'OPTIONS':
          return ok({ type: 'routine-info', qi: q, invokeMethod: { type: 'read', headersOnly: true } });
      }
      return err(pgrst.invalidRpcMethod(method));
    }
    case 'relation': {
      const q = { schema, name: resource.name };
      switch (method) {
        case 'HEAD':
          return ok({ type: 'relation-read', qi: q, headersOnly: true });
        case 'GET':
          return ok({ type: 'relation-read', qi: q, headersOnly: false });
        case 'POST':
          return ok({ type: 'relation-mut', qi: q, mutation: 'create' });
        case 'PUT':
          return ok({ type: 'relation-mut', qi: q, mutation: 'single-upsert' });
        case 'PATCH':
          return ok({ type: 'relation-mut', qi: q, mutation: 'update' });
        case 'DELETE':
          return ok({ type: 'relation-mut', qi: q, mutation: 'delete' });
        case 'OPTIONS':
          return ok({ type: 'relation-info', qi: q });
      }
      return err(pgrst.unsupportedMethod(method));
    }
    case 'schema':
      switch (method) {
        case 'HEAD':
          return ok({ type: 'schema-read', schema, headersOnly: true });
        case 'GET':
          return ok({ type: 'schema-read', schema, headersOnly: false });
        case 'OPTIONS':
          return ok({ type: 'schema-info' });
      }
      return err(pgrst.unsupportedMethod(method));
  }
}
