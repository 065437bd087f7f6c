import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import {
  cellChanges,
  matrixColumns,
  matrixRows,
  MatrixCells,
  type CellAddress,
  type MatrixColumn,
  type MatrixRow,
  type RowKind,
} from '../../shared/grants/matrix.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { refKey, type Catalog, type ObjectRef, type Privilege } from '../../shared/model/catalog.js';
import type { PostgrestRoleConfig } from '../../shared/model/postgrest-roles.js';
import { heldText, rowCellsHtml, type CellDetail } from './cell-html.js';
import { paced } from './paced.js';
import { objectsHeld, rowsOfObject } from './scope.js';
import { useOverflowEdges } from '../shell/overflow-edges.js';

const ROW_H = 30;
const COL_W = 168;
const HEAD_W = 320;
/** The column heads' height (role, PostgREST part, what it holds): the scoped matrix is sized to its rows. */
const HEAD_H = 58;

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
  const parent = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  useOverflowEdges(parent, frame);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_H,
    overscan: 4,
  });
  // Columns too: 300 request roles × a screenful of rows was 10,000 cells per frame.
  const across = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => parent.current,
    estimateSize: () => COL_W,
    paddingStart: HEAD_W,
    overscan: 2,
  });
  // Rows that come into view while the matrix scrolls are written light (cell-html.ts), completed once it rests;
  // while a keyboard user moves the focus along the letters they are written in full (a letter clicked keeps the
  // focus too, but the mouse's scrolling stays light).
  const byKeyboard = useRef(false);
  const scrolling = virtual.isScrolling || across.isScrolling;
  const keyboardInside = byKeyboard.current && (parent.current?.contains(document.activeElement) ?? false);
  const detail: CellDetail = scrolling && !keyboardInside ? 'light' : 'full';
  const shownColumns = across.getVirtualItems();
  const c0 = shownColumns[0]?.index ?? 0;
  const c1 = shownColumns[shownColumns.length - 1]?.index ?? -1;
  const held = useHeldCounts(cells, columns, rows, c0, c1);
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

  // A drag from one cell to another selects the rectangle between them, whether it starts on a letter or not
  // (a letter's click only fires when the button is pressed and released on it). The handlers are stable, so a
  // row that neither scrolled in nor changed selection is not drawn again.
  const press = useRef<{ row: number; col: number } | null>(null);
  useEffect(() => {
    const release = () => (press.current = null);
    window.addEventListener('mouseup', release);
    return () => window.removeEventListener('mouseup', release);
  }, []);
  const live = useRef({ cells, onQueue, rows, columns });
  live.current = { cells, onQueue, rows, columns };
  const handlers: RowHandlers = useMemo(
    () => ({
      press(row, col, onLetter, extend) {
        press.current = { row, col };
        if (onLetter) return;
        setSelection((s) =>
          extend && s
            ? { anchor: s.anchor, focus: { row, col } }
            : { anchor: { row, col }, focus: { row, col } },
        );
      },
      dragTo(row, col) {
        const from = press.current;
        if (from === null || (from.row === row && from.col === col)) return;
        // mouseover fires for every letter crossed: the same rectangle keeps the same state (no render).
        setSelection((s) =>
          s !== null &&
          s.anchor.row === from.row &&
          s.anchor.col === from.col &&
          s.focus.row === row &&
          s.focus.col === col
            ? s
            : { anchor: from, focus: { row, col } },
        );
      },
      selectRow(row) {
        setSelection({
          anchor: { row, col: 0 },
          focus: { row, col: live.current.columns.length - 1 },
        });
      },
      toggle(row, column, privilege, direct) {
        const { cells, onQueue } = live.current;
        onQueue(cellChanges(cells, [{ row, column }], [privilege], direct ? 'revoke' : 'grant'));
      },
    }),
    [],
  );
  const rectangle = useMemo(
    () =>
      selection === null
        ? null
        : {
            r0: Math.min(selection.anchor.row, selection.focus.row),
            r1: Math.max(selection.anchor.row, selection.focus.row),
            c0: Math.min(selection.anchor.col, selection.focus.col),
            c1: Math.max(selection.anchor.col, selection.focus.col),
          },
    [selection],
  );

  // The trap: functions PUBLIC may EXECUTE in the exposed schemas, and whether new ones will be too.
  const { exposed, publicFns, newFnsPublic, me } = useMemo(() => {
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
    return { exposed, publicFns, newFnsPublic, me };
  }, [config, index, catalog]);

  return (
    <div className={`grants-matrix-wrap${selected.length > 0 ? ' has-selection' : ''}${busy ? ' busy' : ''}`}>
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
        <span className="priv none">r</span> not held (shown on the row pointed at) · click a letter to grant
        or revoke it; drag across cells (or shift-click) to edit an area
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
      <div className={`matrix-frame${scope ? ' scoped' : ''}`} ref={frame}>
        <div
          className="matrix-scroll"
          ref={parent}
          onKeyDownCapture={() => (byKeyboard.current = true)}
          onMouseDownCapture={() => (byKeyboard.current = false)}
          data-testid="grants-matrix"
          style={
            scope ? { flex: 'none', height: Math.min(560, HEAD_H + rows.length * ROW_H + 2) } : undefined
          }
        >
          <div className="matrix-inner" style={{ width: across.getTotalSize() }}>
            <div className="matrix-head" style={{ gridTemplateColumns: gridOf(shownColumns) }}>
              <div className="matrix-corner">
                {scope
                  ? `${rows.length === 1 ? 'the object' : `the object and ${rows.length - 1} column${rows.length === 2 ? '' : 's'}`} × ${columns.length} grantees`
                  : `${rows.length.toLocaleString()} object${rows.length === 1 ? '' : 's'} × ${columns.length} grantees`}
              </div>
              <div aria-hidden />
              {shownColumns.map(({ index: ci }) => {
                const c = columns[ci]!;
                const count = held.get(c.role);
                return (
                  <button
                    key={c.role}
                    className={`matrix-colhead${c.pinned ? ` pinned ${c.pinned}` : ''}${c.public ? ' public' : ''}`}
                    onClick={() =>
                      setSelection({ anchor: { row: 0, col: ci }, focus: { row: rows.length - 1, col: ci } })
                    }
                    title={
                      c.pinned
                        ? `PostgREST ${c.pinned === 'anon' ? 'db-anon-role' : 'request role'}${count === 0 ? ': holds nothing here' : ''}`
                        : c.public
                          ? 'Every role'
                          : c.role
                    }
                  >
                    <span className="mono">{c.role}</span>
                    {c.pinned && (
                      <span className="colhead-tags">
                        <span className="role-part">{c.pinned}</span>
                        {count === undefined ? (
                          <span className="held-count">…</span>
                        ) : count === 0 ? (
                          <span className="held-nothing" data-testid={`holds-nothing:${c.role}`}>
                            nothing
                          </span>
                        ) : (
                          <span className="held-count">
                            {count} object{count === 1 ? '' : 's'}
                          </span>
                        )}
                      </span>
                    )}
                  </button>
                );
              })}
            </div>
            <div
              className="matrix-body"
              style={{ height: virtual.getTotalSize() }}
              onMouseOver={(e) => hoverPair(e.currentTarget, e.target)}
              onMouseLeave={(e) => hoverPair(e.currentTarget, null)}
              onKeyDown={(e) => {
                if (e.key === 'Tab' && tabInRowOrder(e.currentTarget, e.shiftKey)) e.preventDefault();
              }}
            >
              {/* One sticky column for the rows' heads: a sticky head in every row cost each row its own layer. */}
              <div className="matrix-heads">
                {virtual.getVirtualItems().map((v) => (
                  <MatrixRowHead
                    key={rows[v.index]!.key}
                    row={rows[v.index]!}
                    rowIndex={v.index}
                    start={v.start}
                    on={handlers}
                  />
                ))}
              </div>
              {virtual.getVirtualItems().map((v) => {
                const inRows = rectangle !== null && v.index >= rectangle.r0 && v.index <= rectangle.r1;
                return (
                  <MatrixRowView
                    key={rows[v.index]!.key}
                    row={rows[v.index]!}
                    rowIndex={v.index}
                    start={v.start}
                    columns={columns}
                    c0={c0}
                    c1={c1}
                    grid={gridOf(shownColumns)}
                    sel0={inRows ? rectangle.c0 : -1}
                    sel1={inRows ? rectangle.c1 : -1}
                    focusCol={focused?.row === v.index ? focused.col : -1}
                    cells={cells}
                    detail={detail}
                    busy={busy}
                    on={handlers}
                  />
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

/** The grid of a row and of the head: the object, a spacer for the columns scrolled past, the columns shown. */
function gridOf(shown: readonly { start: number }[]): string {
  const pad = shown.length > 0 ? shown[0]!.start - HEAD_W : 0;
  return `${HEAD_W}px ${pad}px repeat(${shown.length}, ${COL_W}px)`;
}

interface RowHandlers {
  press(row: number, col: number, onLetter: boolean, extend: boolean): void;
  dragTo(row: number, col: number): void;
  selectRow(row: number): void;
  toggle(row: MatrixRow, column: MatrixColumn, privilege: Privilege, direct: boolean): void;
}

/**
 * One row of the matrix, the columns c0..c1 of it. Memoised on plain values: scrolling draws only the rows that
 * come into view, and a selection only the rows it enters or leaves (sel0..sel1 are -1 outside it).
 */
const MatrixRowView = memo(function MatrixRowView({
  row,
  rowIndex,
  start,
  columns,
  c0,
  c1,
  grid,
  sel0,
  sel1,
  focusCol,
  cells,
  detail,
  busy,
  on,
}: {
  row: MatrixRow;
  rowIndex: number;
  start: number;
  columns: readonly MatrixColumn[];
  c0: number;
  c1: number;
  grid: string;
  sel0: number;
  sel1: number;
  /** The column of the cell a link led to in this row, -1 when none. */
  focusCol: number;
  cells: MatrixCells;
  /** How rows coming into view now are written: a row written in full stays so. */
  detail: CellDetail;
  busy: boolean;
  on: RowHandlers;
}) {
  const [written, setWritten] = useState(detail);
  // Written in full a few rows per frame once the scroll rests (paced.ts); a scroll starting again cancels it.
  useEffect(() => {
    if (detail !== 'full' || written === 'full') return;
    return paced(() => setWritten('full'));
  }, [detail, written]);
  // A scroll starting or ending passes a new `detail` to every row: the same HTML is not built again.
  const html = useMemo(
    () => rowCellsHtml(row, columns, c0, c1, cells, { sel0, sel1, focusCol }, written),
    [row, columns, c0, c1, sel0, sel1, focusCol, cells, written],
  );
  // The letter and the cell an event happened on (delegated: the cells are HTML, see cell-html.ts).
  const hit = (target: EventTarget, clientX: number | null = null) => {
    const el = target as HTMLElement;
    const cell = el.closest<HTMLElement>('[data-ci]');
    if (cell === null) {
      // A light row has no box for an empty cell: the pointer's column, from where the columns are.
      if (clientX === null || el.closest('.matrix-rowhead') !== null) return null;
      const x = clientX - el.closest<HTMLElement>('.matrix-row')!.getBoundingClientRect().left - HEAD_W;
      const ci = Math.floor(x / COL_W);
      return x < 0 || ci < c0 || ci > c1 ? null : { ci, column: columns[ci]!, letter: null, p: undefined };
    }
    const ci = Number(cell.dataset.ci);
    const letter = el.closest<HTMLElement>('[data-priv]');
    const p = letter === null ? undefined : cells.cell(row, columns[ci]!)[Number(letter.dataset.priv)];
    return { ci, column: columns[ci]!, letter, p };
  };
  const act = (target: EventTarget) => {
    const h = hit(target);
    if (h?.p !== undefined && !busy) on.toggle(row, h.column, h.p.privilege, h.p.direct);
  };
  return (
    <div
      className={`matrix-row row-${row.kind}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: grid }}
      data-row={row.key.replaceAll('\0', '.')}
      data-i={rowIndex}
      onMouseDown={(e) => {
        const h = e.button === 0 ? hit(e.target, e.clientX) : null;
        if (h !== null) on.press(rowIndex, h.ci, h.letter !== null, e.shiftKey);
      }}
      onMouseOver={(e) => {
        const h = hit(e.target, e.clientX);
        if (h === null) return;
        if (e.buttons === 1) on.dragTo(rowIndex, h.ci);
        // The tooltip, written on first hover (thousands of letters are drawn per frame when scrolling).
        if (h.letter !== null && h.p !== undefined && h.letter.title === '')
          h.letter.title = `${h.p.privilege}: ${heldText(row, h.p)}${h.p.direct ? ' (click to revoke)' : ' (click to grant)'}`;
      }}
      onClick={(e) => act(e.target)}
      onKeyDown={(e) => {
        if ((e.key !== 'Enter' && e.key !== ' ') || !(e.target as HTMLElement).hasAttribute('data-priv'))
          return;
        e.preventDefault();
        act(e.target);
      }}
    >
      <div aria-hidden />
      <div aria-hidden />
      <div className="matrix-cells" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
});

/** A row's head, in the one sticky column of heads (see MatrixRowView for the rest of the row). */
const MatrixRowHead = memo(function MatrixRowHead({
  row,
  rowIndex,
  start,
  on,
}: {
  row: MatrixRow;
  rowIndex: number;
  start: number;
  on: RowHandlers;
}) {
  return (
    <button
      className={`matrix-rowhead row-${row.kind}`}
      style={{ transform: `translateY(${start}px)` }}
      data-head={row.key.replaceAll('\0', '.')}
      data-i={rowIndex}
      onClick={() => on.selectRow(rowIndex)}
      title={`${row.detail} ${row.label}`}
    >
      <span className="kind-tag">{row.kind === 'table' ? row.detail.replace('_', ' ') : row.kind}</span>
      <span className="mono label">{row.label}</span>
      {row.publicExecute && (
        <span className="trap-dot" title="PUBLIC may EXECUTE this function">
          PUBLIC
        </span>
      )}
    </button>
  );
});

/** The head and the rest of a row are apart in the DOM: the one the pointer is on lights up the other too. */
function hoverPair(body: HTMLElement, target: EventTarget | null) {
  const at = target instanceof Element ? target.closest<HTMLElement>('[data-i]') : null;
  const i = at?.dataset.i;
  if (i !== undefined && body.querySelector(`.hovered[data-i="${i}"]`) !== null) return;
  for (const el of body.querySelectorAll('.hovered')) el.classList.remove('hovered');
  if (i !== undefined) for (const el of body.querySelectorAll(`[data-i="${i}"]`)) el.classList.add('hovered');
}

/**
 * Tab as if each head were still in its row: a head, then its row's letters, then the next row's head (the heads
 * are all in one column before the rows). Returns false where the browser's own order is the same (the ends).
 */
function tabInRowOrder(body: HTMLElement, back: boolean): boolean {
  const heads = body.querySelectorAll<HTMLElement>('.matrix-rowhead');
  const rows = body.querySelectorAll<HTMLElement>('.matrix-row');
  const order: HTMLElement[] = [];
  heads.forEach((head, i) => {
    order.push(head);
    const row = rows[i];
    if (row !== undefined) order.push(...row.querySelectorAll<HTMLElement>('[tabindex="0"]'));
  });
  const at = order.indexOf(document.activeElement as HTMLElement);
  const next = at < 0 ? undefined : order[back ? at - 1 : at + 1];
  if (next === undefined) return false;
  next.focus();
  return true;
}

/**
 * What each pinned role (db-anon-role, a request role) holds on the rows shown, for the columns in view: counted
 * after the first paint, one role per task (a role's whole privilege list on a large catalog takes a while).
 */
function useHeldCounts(
  cells: MatrixCells,
  columns: readonly MatrixColumn[],
  rows: readonly MatrixRow[],
  c0: number,
  c1: number,
): ReadonlyMap<string, number> {
  const [held, setHeld] = useState<{ rows: readonly MatrixRow[]; counts: Map<string, number> }>({
    rows,
    counts: new Map(),
  });
  const counts = held.rows === rows ? held.counts : null;
  const want = useMemo(() => {
    const out: string[] = [];
    for (let ci = c0; ci <= c1; ci++) {
      const c = columns[ci];
      if (c !== undefined && c.pinned !== null && !(counts?.has(c.role) ?? false)) out.push(c.role);
    }
    return out.join('\0');
  }, [columns, c0, c1, counts]);
  useEffect(() => {
    if (want === '') return;
    const role = want.split('\0')[0]!;
    const timer = setTimeout(() => {
      const n = objectsHeld(cells.list(role), rows);
      setHeld((h) => {
        const counts = new Map(h.rows === rows ? h.counts : []);
        counts.set(role, n);
        return { rows, counts };
      });
    }, 0);
    return () => clearTimeout(timer);
  }, [want, cells, rows]);
  return counts ?? new Map();
}
