import { describe, expect, it } from 'vitest';
import { matrixColumns, matrixRows, MatrixCells } from '../../shared/grants/matrix.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { privilegesOf, type PrivilegeObjectKind } from '../../shared/model/privilege-kinds.js';
import { grant, role, smallCatalog, table } from '../../shared/model/testing/small-catalog.js';
import { cellHtml, escapeHtml, rowCellsHtml } from './cell-html.js';

const hostile = `<img src=x onerror=alert(1)>`;
const quoted = `o'neil & "co"`;

describe('the cells as HTML', () => {
  const index = catalogIndex(
    smallCatalog({
      roles: [role(hostile), role(quoted), role('owner')],
      relations: [table('api', 'a"b<c>&d', 'owner', ['id'])],
      grants: [
        grant('api.a"b<c>&d', hostile, 'SELECT'),
        grant('api.a"b<c>&d', quoted, 'DELETE', true),
        grant('api.a"b<c>&d', quoted, 'TRIGGER'),
      ],
    }),
  );
  const row = matrixRows(index, {}).find((r) => r.kind === 'table')!;
  const columns = matrixColumns(index, {}, 'all-non-system');
  const cells = new MatrixCells(index);
  const parse = (html: string) => {
    const el = document.createElement('div');
    el.innerHTML = html;
    return el;
  };

  it('escapes every name it writes, in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const column = columns.find((c) => c.role === hostile)!;
    const html = cellHtml(row, column, 3, cells.cell(row, column), true);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('a"b');
    const cell = parse(html).firstElementChild as HTMLElement;
    expect(cell.dataset.testid).toBe(`cell:api.a"b<c>&d:${hostile}`);
    expect(cell.className).toBe('matrix-cell selected');
    expect(cell.dataset.ci).toBe('3');
    const select = cell.querySelector('[data-priv="0"]')!;
    expect(select.getAttribute('role')).toBe('button');
    expect(select.getAttribute('aria-label')).toBe(`SELECT on api.a"b<c>&d for ${hostile}: granted directly`);
    expect(select.className).toBe('priv direct');
    expect(cell.querySelectorAll('img')).toHaveLength(0);
  });

  it('a row of hostile names, full and light, parses back to exactly the names and no other element', () => {
    for (const detail of ['full', 'light'] as const) {
      const html = rowCellsHtml(
        row,
        columns,
        0,
        columns.length - 1,
        cells,
        { sel0: -1, sel1: -1, focusCol: -1 },
        detail,
      );
      const el = parse(html);
      expect(el.querySelectorAll('img, script, [onerror]')).toHaveLength(0);
      expect([...el.querySelectorAll('*')].every((e) => e.tagName === 'DIV' || e.tagName === 'SPAN')).toBe(
        true,
      );
      const ids = [...el.querySelectorAll<HTMLElement>('.matrix-cell')].map((c) => c.dataset.testid);
      expect(ids).toContain(`cell:api.a"b<c>&d:${quoted}`);
      expect(ids).toContain(`cell:api.a"b<c>&d:${hostile}`);
    }
    const full = parse(
      rowCellsHtml(row, columns, 0, columns.length - 1, cells, { sel0: -1, sel1: -1, focusCol: -1 }, 'full'),
    );
    const labels = [...full.querySelectorAll('[aria-label]')].map((l) => l.getAttribute('aria-label'));
    expect(labels).toContain(`DELETE on api.a"b<c>&d for ${quoted}: granted directly, with grant option`);
  });

  it('while scrolling writes only the cells and letters held, each in its place; in full once at rest', () => {
    const sel = { sel0: -1, sel1: -1, focusCol: -1 };
    const light = parse(rowCellsHtml(row, columns, 0, columns.length - 1, cells, sel, 'light'));
    const full = parse(rowCellsHtml(row, columns, 0, columns.length - 1, cells, sel, 'full'));
    const fullCells = [...full.querySelectorAll<HTMLElement>('.matrix-cell')];
    expect(fullCells).toHaveLength(columns.length);
    // Light: the superuser's and the two grantees' cells only, placed in their grid columns (the head and the
    // spacer come first).
    const lightCells = [...light.querySelectorAll<HTMLElement>('.matrix-cell')];
    expect(lightCells.map((c) => c.dataset.testid)).toEqual([
      `cell:api.a"b<c>&d:postgres`,
      `cell:api.a"b<c>&d:${hostile}`,
      `cell:api.a"b<c>&d:${quoted}`,
    ]);
    for (const c of lightCells)
      expect(c.style.gridColumn).toBe(
        String(columns.findIndex((k) => c.dataset.testid!.endsWith(`:${k.role}`)) + 3),
      );
    // The held letters, clickable (data-priv indexes the full cell), at the place they have in the full cell.
    const quotedCell = lightCells[2]!;
    const letters = [...quotedCell.querySelectorAll<HTMLElement>('[data-priv]')];
    const priv = privilegesOf('table', index.catalog.server.major);
    expect(letters.map((l) => [priv[Number(l.dataset.priv)], l.className])).toEqual([
      ['DELETE', `priv direct grantable skip-${priv.indexOf('DELETE')}`],
      ['TRIGGER', `priv direct skip-${priv.indexOf('TRIGGER') - priv.indexOf('DELETE') - 1}`],
    ]);
    expect(letters.every((l) => !l.hasAttribute('aria-label') && !l.hasAttribute('tabindex'))).toBe(true);
    // A selected or focused cell is written in full (its blank letters show), even empty (PUBLIC's), while scrolling.
    const owner = columns.findIndex((c) => c.public);
    expect(owner).toBeGreaterThan(0);
    const picked = parse(
      rowCellsHtml(
        row,
        columns,
        0,
        columns.length - 1,
        cells,
        { sel0: owner, sel1: owner, focusCol: 0 },
        'light',
      ),
    );
    const ownerCell = picked.querySelector<HTMLElement>('.matrix-cell.selected')!;
    expect(ownerCell.style.gridColumn).toBe('');
    expect(ownerCell.querySelectorAll('[role="button"]')).toHaveLength(priv.length);
    expect(picked.querySelector('.matrix-cell.focused')!.querySelectorAll('[aria-label]')).toHaveLength(
      priv.length,
    );
  });

  it('has a skip class for every run of blank letters a row kind can have (grants.css: skip-1 … skip-7)', () => {
    const kinds: PrivilegeObjectKind[] = ['schema', 'table', 'column', 'sequence', 'function', 'type'];
    for (const kind of kinds) expect(privilegesOf(kind, 18).length).toBeLessThanOrEqual(8);
  });
});
