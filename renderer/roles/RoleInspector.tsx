import { EmptyState } from '../shell/EmptyState.js';
import { useMemo, useState } from 'react';
import type { RoleAttributesInput, RoleChangeInput } from '../../shared/contract/roles.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import type { Catalog, Role } from '../../shared/model/catalog.js';
import { effectivePrivileges } from '../../shared/model/effective-privileges.js';
import { roleRules } from '../../shared/model/role-closure.js';
import { blocksDrop, roleFootprint } from '../../shared/roles/footprint.js';
import type { RoleGraph } from '../../shared/roles/graph.js';
import { scramVerifier } from '../../shared/roles/scram.js';
import { plural } from '../../shared/text/plural.js';

type BoolAttr =
  'canLogin' | 'inherit' | 'createRole' | 'createDb' | 'bypassRls' | 'replication' | 'superuser';

const ATTRS: readonly [BoolAttr, string][] = [
  ['canLogin', 'LOGIN'],
  ['inherit', 'INHERIT'],
  ['createRole', 'CREATEROLE'],
  ['createDb', 'CREATEDB'],
  ['bypassRls', 'BYPASSRLS'],
  ['replication', 'REPLICATION'],
  ['superuser', 'SUPERUSER'],
];

interface Props {
  catalog: Catalog;
  graph: RoleGraph;
  role: string | null;
  onSelect(role: string | null): void;
  onQueue(changes: RoleChangeInput[]): void;
  busy: boolean;
}

/** The selected role: what it is, what it can reach, and its edits (each lands in the change set). */
export function RoleInspector({ catalog, graph, role, onSelect, onQueue, busy }: Props) {
  const index = catalogIndex(catalog);
  const r = role === null ? undefined : index.role(role);
  if (r === undefined) return <ShapeProblems graph={graph} onSelect={onSelect} />;
  return (
    <aside className="role-inspector" aria-label={`Role ${r.name}`}>
      <RoleHeader catalog={catalog} graph={graph} role={r} />
      <Reach catalog={catalog} role={r.name} />
      <Attributes role={r} onQueue={onQueue} busy={busy} />
      <Password role={r} onQueue={onQueue} busy={busy} />
      <Memberships catalog={catalog} role={r} onQueue={onQueue} onSelect={onSelect} busy={busy} />
      <Settings catalog={catalog} role={r} onQueue={onQueue} busy={busy} />
      <RenameDrop catalog={catalog} role={r} onQueue={onQueue} busy={busy} />
    </aside>
  );
}

function ShapeProblems({ graph, onSelect }: { graph: RoleGraph; onSelect(r: string): void }) {
  return (
    <aside className="role-inspector" aria-label="PostgREST shape">
      <h3>PostgREST shape</h3>
      {graph.problems.length === 0 ? (
        <p className="muted">
          Nothing stands in PostgREST&apos;s way. Select a role to see what it can reach.
        </p>
      ) : (
        <ul className="problem-list">
          {graph.problems.map((p, i) => (
            <li key={i} className={p.severity}>
              <button className="link" onClick={() => onSelect(p.role)}>
                {p.role}
              </button>
              : {p.message}
              <div className="muted">{p.hint}</div>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        Draw an edge from a member to a role to grant it; select an edge and press Delete to revoke it.
      </p>
    </aside>
  );
}

function RoleHeader({ catalog, graph, role }: { catalog: Catalog; graph: RoleGraph; role: Role }) {
  const node = graph.nodes.find((n) => n.id === role.name);
  return (
    <section>
      <h3 className="mono">{role.name}</h3>
      <div className="role-card-badges">
        {node?.parts.map((p) => (
          <span key={p} className={`role-part ${p}`}>
            {p}
          </span>
        ))}
        {node?.badges.map((b) => (
          <span key={b.label} className={`role-badge ${b.tone}`} title={b.title}>
            {b.label}
          </span>
        ))}
      </div>
      {role.comment && <p className="muted">{role.comment}</p>}
      {node?.problems.map((p, i) => (
        <div key={i} className={`callout ${p.severity === 'error' ? 'error' : 'warn'}`}>
          {p.message} <div className="hint">{p.hint}</div>
        </div>
      ))}
      {catalog.server.major < 16 && (
        <p className="muted small">
          PostgreSQL {catalog.server.major}: memberships have no INHERIT/SET options.
        </p>
      )}
    </section>
  );
}

/** What the role reaches: the roles it may become or inherits, and its effective privileges per schema. */
function Reach({ catalog, role }: { catalog: Catalog; role: string }) {
  const summary = useMemo(() => {
    const rules = roleRules(catalog);
    const set = rules.closure(role, 'SET').order.filter((r) => r !== role);
    const usage = rules.closure(role, 'USAGE').order.filter((r) => r !== role);
    const bySchema = new Map<string, { objects: Set<string>; privileges: number; public: number }>();
    for (const p of effectivePrivileges(catalog, role)) {
      const schema = p.object.schema ?? (p.kind === 'schema' ? p.object.name : null);
      if (schema === null) continue;
      const s = bySchema.get(schema) ?? { objects: new Set(), privileges: 0, public: 0 };
      s.objects.add(`${p.object.kind}:${p.object.name}:${p.object.args ?? ''}`);
      s.privileges++;
      if (p.source === 'public') s.public++;
      bySchema.set(schema, s);
    }
    return { set, usage, bySchema: [...bySchema.entries()] };
  }, [catalog, role]);
  return (
    <section data-testid="role-reach">
      <h4>Reaches</h4>
      <div className="kv">
        <span>May SET ROLE to</span>
        <span>{summary.set.length > 0 ? summary.set.join(', ') : '—'}</span>
        <span>Inherits from</span>
        <span>{summary.usage.length > 0 ? summary.usage.join(', ') : '—'}</span>
      </div>
      {summary.bySchema.length === 0 ? (
        <EmptyState compact icon="∅" title="Reaches nothing">
          No privilege on any object of the schemas read, directly, inherited or through PUBLIC.
        </EmptyState>
      ) : (
        <table className="reach-table">
          <thead>
            <tr>
              <th>Schema</th>
              <th>Objects</th>
              <th>Privileges</th>
              <th>via PUBLIC</th>
            </tr>
          </thead>
          <tbody>
            {summary.bySchema.map(([schema, s]) => (
              <tr key={schema}>
                <td className="mono">{schema}</td>
                <td>{s.objects.size}</td>
                <td>{s.privileges}</td>
                <td>{s.public}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Attributes({ role, onQueue, busy }: { role: Role; onQueue: Props['onQueue']; busy: boolean }) {
  const [draft, setDraft] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(ATTRS.map(([k]) => [k, role[k]])),
  );
  const [limit, setLimit] = useState(String(role.connectionLimit));
  const [validUntil, setValidUntil] = useState(role.validUntil ?? '');
  const changed: RoleAttributesInput = {};
  for (const [k] of ATTRS) if (draft[k] !== role[k]) (changed as Record<string, boolean>)[k] = draft[k]!;
  if (Number(limit) !== role.connectionLimit && /^-?\d+$/.test(limit))
    changed.connectionLimit = Number(limit);
  if (validUntil !== (role.validUntil ?? '')) changed.validUntil = validUntil === '' ? null : validUntil;
  return (
    <section>
      <h4>Attributes</h4>
      <div className="attr-grid">
        {ATTRS.map(([k, label]) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={draft[k]}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.checked })}
            />
            {label}
          </label>
        ))}
      </div>
      <div className="field-row">
        <label>
          Connection limit
          <input
            className="input"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            aria-label="Connection limit"
          />
        </label>
        <label>
          Valid until
          <input
            className="input"
            placeholder="infinity"
            value={validUntil}
            onChange={(e) => setValidUntil(e.target.value)}
            aria-label="Valid until"
          />
        </label>
      </div>
      <button
        className="btn small"
        disabled={busy || Object.keys(changed).length === 0}
        onClick={() => onQueue([{ type: 'alter-role', name: role.name, attributes: changed }])}
      >
        Queue ALTER ROLE
      </button>
    </section>
  );
}

/** The password never leaves this form: only its SCRAM verifier, computed here, is sent. */
function Password({ role, onQueue, busy }: { role: Role; onQueue: Props['onQueue']; busy: boolean }) {
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && pw !== again;
  return (
    <section>
      <h4>Password</h4>
      <div className="field-row">
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          placeholder="New password"
          value={pw}
          onChange={(e) => setPw(e.target.value)}
          aria-label="New password"
        />
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          placeholder="Repeat"
          value={again}
          aria-invalid={mismatch}
          onChange={(e) => setAgain(e.target.value)}
          aria-label="Repeat password"
        />
      </div>
      {mismatch && <div className="field-error">The passwords differ.</div>}
      <div className="row-gap">
        <button
          className="btn small"
          disabled={busy || pw === '' || pw !== again}
          onClick={() =>
            void scramVerifier(pw).then((v) => {
              setPw('');
              setAgain('');
              onQueue([{ type: 'set-password', name: role.name, password: v }]);
            })
          }
        >
          Queue password (SCRAM-SHA-256)
        </button>
        {role.hasPassword === true && (
          <button
            className="btn small ghost"
            disabled={busy}
            onClick={() => onQueue([{ type: 'set-password', name: role.name, password: null }])}
          >
            Remove password
          </button>
        )}
      </div>
    </section>
  );
}

function Memberships({
  catalog,
  role,
  onQueue,
  onSelect,
  busy,
}: {
  catalog: Catalog;
  role: Role;
  onQueue: Props['onQueue'];
  onSelect(r: string): void;
  busy: boolean;
}) {
  const index = catalogIndex(catalog);
  const of = index.membershipsOf(role.name);
  const members = index.membersOf(role.name);
  const v16 = catalog.server.major >= 16;
  const [grant, setGrant] = useState('');
  const [admin, setAdmin] = useState(false);
  const [inherit, setInherit] = useState(role.inherit);
  const [set, setSet] = useState(true);
  const candidates = catalog.roles.filter((r) => r.name !== role.name && !of.some((m) => m.role === r.name));
  return (
    <section>
      <h4>Member of</h4>
      <ul className="membership-list">
        {of.map((m) => (
          <li key={`${m.role}\0${m.grantor ?? ''}`}>
            <button className="link mono" onClick={() => onSelect(m.role)}>
              {m.role}
            </button>
            <span className="muted">
              {[
                m.admin && 'ADMIN',
                v16 && (m.inherit ? 'INHERIT' : 'NOINHERIT'),
                v16 && (m.set ? 'SET' : 'NO SET'),
              ]
                .filter(Boolean)
                .join(' · ')}
              {m.grantor && ` · by ${m.grantor}`}
            </span>
            <button
              className="btn ghost small"
              disabled={busy}
              onClick={() => onQueue([{ type: 'revoke-membership', role: m.role, member: role.name }])}
            >
              Revoke
            </button>
          </li>
        ))}
        {of.length === 0 && <li className="muted">No memberships.</li>}
      </ul>
      <div className="field-row">
        <select
          className="select"
          value={grant}
          onChange={(e) => setGrant(e.target.value)}
          aria-label="Role to grant"
        >
          <option value="">Grant role…</option>
          {candidates.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} />
          ADMIN
        </label>
        {v16 && (
          <>
            <label className="check">
              <input type="checkbox" checked={inherit} onChange={(e) => setInherit(e.target.checked)} />
              INHERIT
            </label>
            <label className="check">
              <input type="checkbox" checked={set} onChange={(e) => setSet(e.target.checked)} />
              SET
            </label>
          </>
        )}
        <button
          className="btn small"
          disabled={busy || grant === ''}
          onClick={() =>
            onQueue([
              {
                type: 'grant-membership',
                role: grant,
                member: role.name,
                admin,
                ...(v16 ? { inherit, set } : {}),
              },
            ])
          }
        >
          Grant
        </button>
      </div>
      {members.length > 0 && (
        <p className="muted small">Members: {members.map((m) => m.member).join(', ')}</p>
      )}
    </section>
  );
}

function Settings({
  catalog,
  role,
  onQueue,
  busy,
}: {
  catalog: Catalog;
  role: Role;
  onQueue: Props['onQueue'];
  busy: boolean;
}) {
  const perDb = catalog.roleSettings.filter((s) => s.role === role.name && s.database !== null);
  const rows = [
    ...role.settings.map((s) => ({ ...s, database: null as string | null })),
    ...perDb.flatMap((s) => s.settings.map((x) => ({ ...x, database: s.database }))),
  ];
  const [name, setName] = useState('statement_timeout');
  const [value, setValue] = useState('');
  const [scope, setScope] = useState<'all' | 'db'>('all');
  return (
    <section>
      <h4>Settings</h4>
      <ul className="membership-list">
        {rows.map((s) => (
          <li key={`${s.database ?? ''}\0${s.name}`}>
            <span className="mono">
              {s.name} = {s.value}
            </span>
            <span className="muted">{s.database === null ? 'every database' : `in ${s.database}`}</span>
            <button
              className="btn ghost small"
              disabled={busy}
              onClick={() =>
                onQueue([
                  {
                    type: 'role-setting',
                    role: role.name,
                    database: s.database,
                    setting: s.name,
                    value: null,
                  },
                ])
              }
            >
              Reset
            </button>
          </li>
        ))}
        {rows.length === 0 && <li className="muted">No settings.</li>}
      </ul>
      <div className="field-row">
        <input
          className="input mono"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="Setting name"
          list="role-setting-names"
        />
        <datalist id="role-setting-names">
          {[
            'statement_timeout',
            'search_path',
            'lock_timeout',
            'idle_in_transaction_session_timeout',
            'work_mem',
            'pgrst.db_aggregates_enabled',
          ].map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <input
          className="input mono"
          placeholder="value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label="Setting value"
        />
        <select
          className="select"
          value={scope}
          onChange={(e) => setScope(e.target.value as 'all' | 'db')}
          aria-label="Setting scope"
        >
          <option value="all">every database</option>
          <option value="db">in {catalog.database.name}</option>
        </select>
        <button
          className="btn small"
          disabled={busy || name === '' || value === ''}
          onClick={() =>
            onQueue([
              {
                type: 'role-setting',
                role: role.name,
                database: scope === 'db' ? catalog.database.name : null,
                setting: name,
                value,
              },
            ])
          }
        >
          Set
        </button>
      </div>
    </section>
  );
}

function RenameDrop({
  catalog,
  role,
  onQueue,
  busy,
}: {
  catalog: Catalog;
  role: Role;
  onQueue: Props['onQueue'];
  busy: boolean;
}) {
  const [newName, setNewName] = useState(role.name);
  const footprint = useMemo(() => roleFootprint(catalog, role.name), [catalog, role.name]);
  const [reassignTo, setReassignTo] = useState('');
  const [dropOwned, setDropOwned] = useState(false);
  const blocked = blocksDrop(footprint);
  return (
    <section>
      <h4>Rename or drop</h4>
      <div className="field-row">
        <input
          className="input mono"
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          aria-label="New role name"
        />
        <button
          className="btn small"
          disabled={busy || newName === '' || newName === role.name}
          onClick={() => onQueue([{ type: 'rename-role', name: role.name, newName }])}
        >
          Rename
        </button>
      </div>
      <div className="drop-preview" data-testid="drop-preview">
        <div>
          Owns <b>{footprint.owns.length}</b> {plural(footprint.owns.length, 'object')}
          {footprint.owns.length > 0 &&
            `: ${footprint.owns
              .slice(0, 6)
              .map((o) => o.label)
              .join(', ')}${footprint.owns.length > 6 ? ', …' : ''}`}
        </div>
        <div>
          Holds <b>{footprint.privileges.length}</b> {plural(footprint.privileges.length, 'privilege')}{' '}
          granted to it
          {footprint.defaultPrivileges > 0 && `, ${footprint.defaultPrivileges} default-privilege entries`}
        </div>
        {footprint.ownsDatabase && (
          <div className="callout error">It owns this database: change the owner first.</div>
        )}
      </div>
      {blocked && (
        <div className="field-row">
          <select
            className="select"
            value={reassignTo}
            onChange={(e) => setReassignTo(e.target.value)}
            aria-label="Reassign to"
          >
            <option value="">REASSIGN OWNED to…</option>
            {catalog.roles
              .filter((r) => r.name !== role.name && !r.isSystem)
              .map((r) => (
                <option key={r.name} value={r.name}>
                  {r.name}
                </option>
              ))}
          </select>
          <label className="check">
            <input type="checkbox" checked={dropOwned} onChange={(e) => setDropOwned(e.target.checked)} />
            DROP OWNED
          </label>
        </div>
      )}
      <button
        className="btn small danger"
        disabled={busy}
        onClick={() =>
          onQueue([
            {
              type: 'drop-role',
              name: role.name,
              ...(reassignTo !== '' ? { reassignTo } : {}),
              ...(dropOwned ? { dropOwned } : {}),
            },
          ])
        }
      >
        Queue DROP ROLE
      </button>
    </section>
  );
}
