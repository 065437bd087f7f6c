import { EmptyState } from '../shell/EmptyState.js';
import { useState } from 'react';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import { newObjectGrants } from '../../shared/grants/default-preview.js';
import {
  principalLabel,
  type Catalog,
  type DefaultPrivilegeObject,
  type Privilege,
} from '../../shared/model/catalog.js';

const OBJECTS: readonly DefaultPrivilegeObject[] = ['tables', 'sequences', 'functions', 'types', 'schemas'];
const PRIVS: Record<DefaultPrivilegeObject, readonly Privilege[]> = {
  tables: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'],
  sequences: ['USAGE', 'SELECT', 'UPDATE'],
  functions: ['EXECUTE'],
  types: ['USAGE'],
  schemas: ['USAGE', 'CREATE'],
  large_objects: ['SELECT', 'UPDATE'],
};

/** ALTER DEFAULT PRIVILEGES per owner and schema, and what an object that owner created now would get. */
export function DefaultPrivileges({
  catalog,
  onQueue,
  busy,
  owner: focusOwner,
}: {
  catalog: Catalog;
  onQueue(changes: RoleChangeInput[]): void;
  busy: boolean;
  /** The owner a link asked for (an advisor finding): its entries marked, its form open for functions. */
  owner?: string;
}) {
  const roles = catalog.roles.filter((r) => !r.isSystem).map((r) => r.name);
  const [owner, setOwner] = useState(focusOwner ?? catalog.server.currentUser);
  const [schema, setSchema] = useState<string>('');
  const [objectType, setObjectType] = useState<DefaultPrivilegeObject>(
    focusOwner !== undefined ? 'functions' : 'tables',
  );
  const [privileges, setPrivileges] = useState<Set<Privilege>>(
    new Set([focusOwner !== undefined ? 'EXECUTE' : 'SELECT']),
  );
  const [grantee, setGrantee] = useState('PUBLIC');
  const inSchema = schema === '' || objectType === 'schemas' ? null : schema;
  const preview = newObjectGrants(catalog, owner, inSchema, objectType);
  const change = (type: 'default-grant' | 'default-revoke'): RoleChangeInput => ({
    type,
    forRole: owner,
    inSchema,
    objectType,
    privileges: [...privileges].filter((p) => PRIVS[objectType].includes(p)),
    grantee: grantee === 'PUBLIC' ? { kind: 'public' } : { kind: 'role', name: grantee },
  });
  return (
    <div className="defaults" data-testid="default-privileges">
      {catalog.defaultPrivileges.length === 0 ? (
        <EmptyState compact icon="∅" title="No ALTER DEFAULT PRIVILEGES">
          New objects get PostgreSQL&apos;s built-in defaults: functions and types are usable by PUBLIC.
        </EmptyState>
      ) : (
        <table className="reach-table defaults-table">
          <thead>
            <tr>
              <th>Owner</th>
              <th>Schema</th>
              <th>Objects</th>
              <th>Grants</th>
            </tr>
          </thead>
          <tbody>
            {catalog.defaultPrivileges.map((d, i) => (
              <tr key={i} className={d.role === focusOwner ? 'focused' : undefined}>
                <td className="mono">{d.role}</td>
                <td className="mono">{d.schema ?? <i>every schema</i>}</td>
                <td>{d.objectType}</td>
                <td className="mono">
                  {d.grants
                    .map((g) => `${principalLabel(g.grantee)}: ${g.privilege}${g.grantable ? '*' : ''}`)
                    .join(', ') || <i>nothing (revoked)</i>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="defaults-editor">
        <div className="field-row">
          <label>
            Objects created by
            <select
              className="select"
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              aria-label="Owner role"
            >
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            In schema
            <select
              className="select"
              value={schema}
              onChange={(e) => setSchema(e.target.value)}
              aria-label="In schema"
            >
              <option value="">every schema</option>
              {catalog.schemas.map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
          <label>
            Kind
            <select
              className="select"
              value={objectType}
              onChange={(e) => setObjectType(e.target.value as DefaultPrivilegeObject)}
              aria-label="Object type"
            >
              {OBJECTS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </label>
          <label>
            Grantee
            <select
              className="select"
              value={grantee}
              onChange={(e) => setGrantee(e.target.value)}
              aria-label="Grantee"
            >
              <option>PUBLIC</option>
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
        </div>
        <div className="field-row">
          {PRIVS[objectType].map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={privileges.has(p)}
                onChange={(e) => {
                  const n = new Set(privileges);
                  if (e.target.checked) n.add(p);
                  else n.delete(p);
                  setPrivileges(n);
                }}
              />
              {p}
            </label>
          ))}
          <button
            className="btn small primary"
            disabled={busy || change('default-grant').type === undefined}
            onClick={() => onQueue([change('default-grant')])}
          >
            Grant by default
          </button>
          <button className="btn small" disabled={busy} onClick={() => onQueue([change('default-revoke')])}>
            Revoke by default
          </button>
        </div>
        <h4>
          A {objectType.replace(/s$/, '')} {owner} creates{inSchema ? ` in ${inSchema}` : ''} now would get
        </h4>
        <ul className="membership-list" data-testid="default-preview">
          {preview.map((g, i) => (
            <li key={i}>
              <span className="mono">
                {principalLabel(g.grantee)}: {g.privilege}
                {g.grantable ? ' (grant option)' : ''}
              </span>
              <span className="muted">
                {g.from === 'builtin'
                  ? "PostgreSQL's default"
                  : g.from === 'global'
                    ? 'default privileges, every schema'
                    : `default privileges in ${inSchema}`}
              </span>
            </li>
          ))}
          {preview.length === 0 && <li className="muted">Nothing, not even for its owner.</li>}
        </ul>
      </div>
    </div>
  );
}
