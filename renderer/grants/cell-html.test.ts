import { describe, expect, it } from 'vitest';
import { matrixColumns, matrixRows, MatrixCells } from '../../shared/grants/matrix.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { grant, role, smallCatalog, table } from '../../shared/model/testing/small-catalog.js';
import { cellHtml, escapeHtml } from './cell-html.js';

describe('the cells as HTML', () => {
  const index = catalogIndex(
    smallCatalog({
      roles: [role('<img src=x onerror=alert(1)>'), role('owner')],
      relations: [table('api', 'a"b<c>', 'owner', ['id'])],
      grants: [grant('api.a"b<c>', '<img src=x onerror=alert(1)>', 'SELECT')],
    }),
  );
  it('escapes every name it writes, in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const row = matrixRows(index, {}).find((r) => r.kind === 'table')!;
    const column = matrixColumns(index, {}, 'all-non-system').find((c) => c.role.startsWith('<img'))!;
    const html = cellHtml(row, column, 3, new MatrixCells(index).cell(row, column), true);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('a"b');
    const el = document.createElement('div');
    el.innerHTML = html;
    const cell = el.firstElementChild as HTMLElement;
    expect(cell.dataset.testid).toBe('cell:api.a"b<c>:<img src=x onerror=alert(1)>');
    expect(cell.className).toBe('matrix-cell selected');
    expect(cell.dataset.ci).toBe('3');
    const select = cell.querySelector('[data-priv="0"]')!;
    expect(select.getAttribute('role')).toBe('button');
    expect(select.getAttribute('aria-label')).toBe(
      'SELECT on api.a"b<c> for <img src=x onerror=alert(1)>: granted directly',
    );
    expect(select.className).toBe('priv direct');
    expect(cell.querySelectorAll('img')).toHaveLength(0);
  });
});
