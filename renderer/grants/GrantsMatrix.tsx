import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import {
  cellChanges,
  matrixColumns,
  matrixRows,
  MatrixCells,
  PRIVILEGE_LETTER,
  type CellAddress,
  type MatrixColumn,
  type MatrixRow,
  type RowKind,
} from '../../shared/grants/matrix.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { refKey, type Catalog, type ObjectRef, type Privilege } from '../../shared/model/catalog.js';
import type { PostgrestRoleConfig } from '../../shared/model/postgrest-roles.js';
import { objectsHeld, rowsOfObject } from './scope.js';

const ROW_H = 30;
const COL_W = 168;
const HEAD_W = 320;
/** The column heads' height (role, PostgREST part, what it holds): the scoped matrix is sized to its rows. */
const HEAD_H = 58;

const SOURCE_TEXT = {
  direct: 'granted directly',
  public: 'via PUBLIC',
  inherited: 'inherited',
  predefined: 'through a predefined role',
  superuser: 'superuser',
} as const;

interface Props {
  catalog: Catalog;
  config: PostgrestRoleConfig;
  onQueue(changes: RoleChangeInput[]): void;
  busy: boolean;
  /** Only this object (a table with all its columns, a function…): the explorer's Grants tab. */
  scope?: ObjectRef;
  /** A cell a link asked for (object × grantee, `PUBLIC` for PUBLIC): scrolled to, selected and highlighted. */
  focus?: { readonly object: ObjectRef; readonly grantee: string | null };
}

interface Selection {
  readonly anchor: { row: number; col: number };
  readonly focus: { row: number; col: number };
}

/** Objects × roles, virtualised; a letter per privilege, coloured by how it is held; edit by cell, row, column, area. */
export function GrantsMatrix({ catalog, config, onQueue, busy, scope, focus }: Props) {
  const index = catalogIndex(catalog);
  const userSchemas = catalog.schemas.filter((s) => s.extension === null).map((s) => s.name);
  const [schema, setSchema] = useState<string>('');
  const [kind, setKind] = useState<RowKind | ''>('');
  const [search, setSearch] = useState('');
  const [expandColumns, setExpandColumns] = useState(false);
  const [showAllRoles, setShowAllRoles] = useState(true);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [privs, setPrivs] = useState<Set<Privilege>>(new Set(['SELECT']));
  const [publicSchema, setPublicSchema] = useState(
    config.schemas.find((s) => userSchemas.includes(s)) ?? userSchemas[0] ?? '',
  );

  const rows = useMemo(
    () =>
      scope
        ? rowsOfObject(index, scope)
        : matrixRows(index, {
            schemas: schema === '' ? null : [schema],
            kinds: kind === '' ? null : kind === 'table' ? ['table', 'column'] : [kind],
            search,
            columns: expandColumns,
          }),
    [index, scope, schema, kind, search, expandColumns],
  );
  const columns = useMemo(
    () => matrixColumns(index, config, showAllRoles ? 'all-non-system' : []),
    [index, config, showAllRoles],
  );
  const cells = useMemo(() => new MatrixCells(index), [index]);
  // db-anon-role and the request roles say so when they hold nothing on what is shown ("anon: nothing").
  const held = useMemo(
    () =>
      new Map(
        columns.filter((c) => c.pinned !== null).map((c) => [c.role, objectsHeld(cells.list(c.role), rows)]),
      ),
    [columns, cells, rows],
  );
  const parent = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_H,
    overscan: 12,
  });

  const selected = useMemo((): CellAddress[] => {
    if (selection === null) return [];
    const [r0, r1] = [selection.anchor.row, selection.focus.row].sort((a, b) => a - b) as [number, number];
    const [c0, c1] = [selection.anchor.col, selection.focus.col].sort((a, b) => a - b) as [number, number];
    const out: CellAddress[] = [];
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++)
        if (rows[r] && columns[c]) out.push({ row: rows[r]!, column: columns[c]! });
    return out;
  }, [selection, rows, columns]);
  const inSelection = (r: number, c: number) => {
    if (selection === null) return false;
    const { anchor: a, focus: f } = selection;
    return (
      r >= Math.min(a.row, f.row) &&
      r <= Math.max(a.row, f.row) &&
      c >= Math.min(a.col, f.col) &&
      c <= Math.max(a.col, f.col)
    );
  };
  // The focused cell: its row (the object itself, not one of its columns) and its grantee's column.
  const focusKey = focus ? `${refKey(focus.object)}\0${focus.grantee ?? ''}` : null;
  const focused = useMemo(() => {
    if (!focus) return null;
    const want = refKey(focus.object);
    const row = rows.findIndex((r) => r.column === null && refKey(r.ref) === want);
    const col = focus.grantee === null ? -1 : columns.findIndex((c) => c.role === focus.grantee);
    return row < 0 ? null : { row, col };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for focus
  }, [focusKey, rows, columns]);
  useEffect(() => {
    if (focused === null) return;
    virtual.scrollToIndex(focused.row, { align: 'center' });
    const el = parent.current;
    if (el && focused.col >= 0)
      el.scrollLeft = Math.max(0, HEAD_W + focused.col * COL_W - (el.clientWidth + HEAD_W - COL_W) / 2);
    setSelection(
      focused.col >= 0
        ? { anchor: focused, focus: focused }
        : { anchor: { row: focused.row, col: 0 }, focus: { row: focused.row, col: columns.length - 1 } },
    );
    // Only a new target moves the view: edits (a new model) must not scroll the user back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey, focused !== null]);
  const selectable = useMemo(() => {
    const s = new Set<Privilege>();
    for (const a of selected) for (const p of a.row.privileges) s.add(p);
    return [...s];
  }, [selected]);

  const pick = (row: number, col: number, extend: boolean) =>
    setSelection((s) =>
      extend && s ? { anchor: s.anchor, focus: { row, col } } : { anchor: { row, col }, focus: { row, col } },
    );
  // A drag from one cell to another selects the rectangle between them, whether it starts on a letter or not
  // (a letter's click only fires when the button is pressed and released on it).
  const press = useRef<{ row: number; col: number } | null>(null);
  useEffect(() => {
    const release = () => (press.current = null);
    window.addEventListener('mouseup', release);
    return () => window.removeEventListener('mouseup', release);
  }, []);
  const dragTo = (row: number, col: number) => {
    const from = press.current;
    if (from === null || (from.row === row && from.col === col)) return;
    setSelection({ anchor: from, focus: { row, col } });
  };

  const toggle = (row: MatrixRow, column: MatrixColumn, privilege: Privilege, direct: boolean) =>
    onQueue(cellChanges(cells, [{ row, column }], [privilege], direct ? 'revoke' : 'grant'));

  // The trap: functions PUBLIC may EXECUTE in the exposed schemas, and whether new ones will be too.
  const exposed = config.schemas.filter((s) => index.schema(s) !== undefined);
  const publicFns = exposed.flatMap((s) =>
    index
      .inSchema(s)
      .functions.filter((f) =>
        index
          .grantsOn({ kind: 'function', schema: s, name: f.name, args: f.identityArgs })
          .some((g) => g.grantee.kind === 'public' && g.privilege === 'EXECUTE'),
      ),
  );
  const me = catalog.server.currentUser;
  const newFnsPublic = !catalog.defaultPrivileges.some(
    (d) => d.role === me && d.schema === null && d.objectType === 'functions',
  );

  return (
    <div className={`grants-matrix-wrap${selected.length > 0 ? ' has-selection' : ''}`}>
      {scope ? (
        <div className="grants-toolbar">
          <label className="check">
            <input
              type="checkbox"
              checked={showAllRoles}
              onChange={(e) => setShowAllRoles(e.target.checked)}
            />
            All roles
          </label>
          <span className="grow" />
          <span className="muted">
            Effective privileges on this object, through inheritance and PUBLIC; edits go to the change set.
          </span>
        </div>
      ) : (
        <div className="grants-toolbar">
          <select
            className="select"
            value={schema}
            onChange={(e) => setSchema(e.target.value)}
            aria-label="Schema"
          >
            <option value="">All schemas</option>
            {catalog.schemas.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
          <select
            className="select"
            value={kind}
            onChange={(e) => setKind(e.target.value as RowKind | '')}
            aria-label="Object kind"
          >
            <option value="">All kinds</option>
            <option value="schema">Schemas</option>
            <option value="table">Tables and views</option>
            <option value="sequence">Sequences</option>
            <option value="function">Functions</option>
            <option value="type">Types</option>
          </select>
          <input
            className="input"
            placeholder="Filter objects…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Filter objects"
          />
          <label className="check">
            <input
              type="checkbox"
              checked={expandColumns}
              onChange={(e) => setExpandColumns(e.target.checked)}
            />
            All columns
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={showAllRoles}
              onChange={(e) => setShowAllRoles(e.target.checked)}
            />
            All roles
          </label>
          <span className="grow" />
          <select
            className="select"
            value={publicSchema}
            onChange={(e) => setPublicSchema(e.target.value)}
            aria-label="Schema to revoke PUBLIC in"
          >
            {userSchemas.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <button
            className="btn small danger"
            disabled={busy || publicSchema === ''}
            onClick={() => onQueue([{ type: 'revoke-public-in-schema', schema: publicSchema }])}
          >
            Revoke everything PUBLIC has in {publicSchema}
          </button>
        </div>
      )}
      {!scope && (publicFns.length > 0 || newFnsPublic) && (
        <div className="callout warn trap" data-testid="public-execute-trap">
          <b>PUBLIC can EXECUTE</b>{' '}
          {publicFns.length > 0 && (
            <>
              {publicFns.length} function{publicFns.length === 1 ? '' : 's'} in {exposed.join(', ')} (anyone
              PostgREST serves may call {publicFns.length === 1 ? 'it' : 'them'}).{' '}
            </>
          )}
          {newFnsPublic && (
            <>
              Every new function {me} creates will be executable by PUBLIC too — PostgreSQL&apos;s
              default.{' '}
            </>
          )}
          {newFnsPublic && (
            <button
              className="btn small"
              disabled={busy}
              onClick={() =>
                onQueue([
                  {
                    type: 'default-revoke',
                    forRole: me,
                    inSchema: null,
                    objectType: 'functions',
                    privileges: ['EXECUTE'],
                    grantee: { kind: 'public' },
                  },
                ])
              }
            >
              Revoke the default
            </button>
          )}
        </div>
      )}
      <div className="matrix-legend">
        <span className="priv direct">r</span> direct <span className="priv inherited">r</span> inherited{' '}
        <span className="priv public">r</span> PUBLIC <span className="priv predefined">r</span> predefined /
        superuser <span className="priv direct grantable">r</span> with grant option{' '}
        <span className="priv none">r</span> not held · click a letter to grant or revoke it; drag across
        cells (or shift-click) to edit an area
      </div>
      {selected.length > 0 && (
        <div className="matrix-actions" data-testid="matrix-actions">
          <span>
            {selected.length} cell{selected.length === 1 ? '' : 's'}
          </span>
          {selectable.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={privs.has(p)}
                onChange={(e) => {
                  const n = new Set(privs);
                  if (e.target.checked) n.add(p);
                  else n.delete(p);
                  setPrivs(n);
                }}
              />
              {p}
            </label>
          ))}
          <button
            className="btn small primary"
            disabled={busy}
            onClick={() => onQueue(cellChanges(cells, selected, [...privs], 'grant'))}
          >
            Grant
          </button>
          <button
            className="btn small"
            disabled={busy}
            onClick={() => onQueue(cellChanges(cells, selected, [...privs], 'revoke'))}
          >
            Revoke
          </button>
          <button className="btn small ghost" onClick={() => setSelection(null)}>
            Clear
          </button>
        </div>
      )}
      <div
        className="matrix-scroll"
        ref={parent}
        data-testid="grants-matrix"
        style={scope ? { flex: 'none', height: Math.min(560, HEAD_H + rows.length * ROW_H + 2) } : undefined}
      >
        <div className="matrix-inner" style={{ width: HEAD_W + columns.length * COL_W }}>
          <div
            className="matrix-head"
            style={{ gridTemplateColumns: `${HEAD_W}px repeat(${columns.length}, ${COL_W}px)` }}
          >
            <div className="matrix-corner">
              {scope
                ? `${rows.length === 1 ? 'the object' : `the object and ${rows.length - 1} column${rows.length === 2 ? '' : 's'}`} × ${columns.length} grantees`
                : `${rows.length.toLocaleString()} object${rows.length === 1 ? '' : 's'} × ${columns.length} grantees`}
            </div>
            {columns.map((c, ci) => (
              <button
                key={c.role}
                className={`matrix-colhead${c.pinned ? ` pinned ${c.pinned}` : ''}${c.public ? ' public' : ''}`}
                onClick={() =>
                  setSelection({ anchor: { row: 0, col: ci }, focus: { row: rows.length - 1, col: ci } })
                }
                title={
                  c.pinned
                    ? `PostgREST ${c.pinned === 'anon' ? 'db-anon-role' : 'request role'}${held.get(c.role) === 0 ? ': holds nothing here' : ''}`
                    : c.public
                      ? 'Every role'
                      : c.role
                }
              >
                <span className="mono">{c.role}</span>
                {c.pinned && (
                  <span className="colhead-tags">
                    <span className="role-part">{c.pinned}</span>
                    {held.get(c.role) === 0 ? (
                      <span className="held-nothing" data-testid={`holds-nothing:${c.role}`}>
                        nothing
                      </span>
                    ) : (
                      <span className="held-count">
                        {held.get(c.role)} object{held.get(c.role) === 1 ? '' : 's'}
                      </span>
                    )}
                  </span>
                )}
              </button>
            ))}
          </div>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const row = rows[v.index]!;
              return (
                <div
                  key={row.key}
                  className={`matrix-row row-${row.kind}`}
                  style={{
                    transform: `translateY(${v.start}px)`,
                    gridTemplateColumns: `${HEAD_W}px repeat(${columns.length}, ${COL_W}px)`,
                  }}
                  data-row={row.key.replaceAll('\0', '.')}
                >
                  <button
                    className="matrix-rowhead"
                    onClick={() =>
                      setSelection({
                        anchor: { row: v.index, col: 0 },
                        focus: { row: v.index, col: columns.length - 1 },
                      })
                    }
                    title={`${row.detail} ${row.label}`}
                  >
                    <span className="kind-tag">
                      {row.kind === 'table' ? row.detail.replace('_', ' ') : row.kind}
                    </span>
                    <span className="mono label">{row.label}</span>
                    {row.publicExecute && (
                      <span className="trap-dot" title="PUBLIC may EXECUTE this function">
                        PUBLIC
                      </span>
                    )}
                  </button>
                  {columns.map((c, ci) => (
                    <div
                      key={c.role}
                      className={`matrix-cell${inSelection(v.index, ci) ? ' selected' : ''}${focused?.row === v.index && focused.col === ci ? ' focused' : ''}`}
                      onMouseDown={(e) => {
                        if (e.button !== 0) return;
                        press.current = { row: v.index, col: ci };
                        if ((e.target as HTMLElement).closest('button')) return;
                        pick(v.index, ci, e.shiftKey);
                      }}
                      onMouseEnter={(e) => {
                        if (e.buttons === 1) dragTo(v.index, ci);
                      }}
                      data-testid={`cell:${row.label}:${c.role}`}
                    >
                      {cells.cell(row, c).map((p) => {
                        const cls = p.held === null ? 'none' : p.held.source;
                        // A column row holding a privilege through the whole table's grant, not its own.
                        const covered = row.column !== null && p.held !== null && p.held.column === undefined;
                        const why =
                          p.held === null
                            ? 'not held'
                            : `${SOURCE_TEXT[p.held.source]}${p.held.source === 'inherited' || p.held.source === 'predefined' ? ` from ${p.held.via}` : ''}${p.held.grantable ? ', with grant option' : ''}${covered ? ', on the whole table' : ''}`;
                        return (
                          <button
                            key={p.privilege}
                            className={`priv ${cls}${p.held?.grantable === true && p.held.source !== 'superuser' ? ' grantable' : ''}${covered ? ' covered' : ''}`}
                            aria-label={`${p.privilege} on ${row.label} for ${c.role}: ${why}`}
                            title={`${p.privilege}: ${why}${p.direct ? ' (click to revoke)' : ' (click to grant)'}`}
                            disabled={busy}
                            onClick={() => toggle(row, c, p.privilege, p.direct)}
                          >
                            {PRIVILEGE_LETTER[p.privilege]}
                          </button>
                        );
                      })}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
