import type { UseQueryResult } from '@tanstack/react-query';
import type { Catalog } from '../../shared/model/catalog.js';
import { asErrorShape } from '../client/index.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { Route } from '../shell/route.js';
import { Splitter, useSplitSize } from '../shell/Splitter.js';
import { Navigator } from './Navigator.js';
import { ObjectDetail } from './ObjectDetail.js';

/** The built-in panel: navigator on the left, the selected object's detail on the right. */
export function Explorer({
  connectionId,
  catalog,
  route,
  navigate,
  navHidden,
  filter,
  onFilterChange,
  onQuickOpen,
}: {
  connectionId: string;
  catalog: UseQueryResult<Catalog>;
  route: Route;
  navigate(patch: Partial<Route>): void;
  navHidden: boolean;
  filter: string;
  onFilterChange(filter: string): void;
  onQuickOpen(): void;
}) {
  const nav = useSplitSize('navigator', 300, 200, 560);
  if (catalog.isPending) return <Loading label="Reading the catalog…" />;
  if (catalog.error && !catalog.data) {
    return (
      <div className="connect-screen">
        <ErrorCallout error={asErrorShape(catalog.error)} title="The catalog could not be read" />
        <div style={{ marginTop: 'var(--space-3)' }}>
          <button className="btn" onClick={() => void catalog.refetch()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  const data = catalog.data!;
  // The two first things to try: a table of a non-system schema (the exposed one first), and the console.
  const firstTable =
    data.relations.find((r) => r.kind === 'table' && r.schema === 'api') ??
    data.relations.find((r) => r.kind === 'table' && r.schema !== 'information_schema') ??
    null;
  const firstRef = firstTable
    ? { kind: 'relation' as const, schema: firstTable.schema, name: firstTable.name }
    : null;
  return (
    <div
      className={`workspace${navHidden ? ' nav-hidden' : ''}`}
      style={{ gridTemplateColumns: navHidden ? 'minmax(0, 1fr)' : `${nav.size}px auto minmax(0, 1fr)` }}
    >
      {!navHidden && (
        <>
          <Navigator
            catalog={data}
            selected={route.object}
            onSelect={(ref) => navigate({ object: ref, tab: null })}
            filter={filter}
            onFilterChange={onFilterChange}
          />
          <Splitter split={nav} orientation="vertical" pane="before" label="Resize the navigator" />
        </>
      )}
      <main className="gh-main">
        {route.object ? (
          <ObjectDetail
            connectionId={connectionId}
            catalog={data}
            selected={route.object}
            tab={route.tab}
            onTab={(tab) => navigate({ tab })}
            onOpen={(ref) => navigate({ object: ref, tab: null })}
          />
        ) : (
          <EmptyState
            icon="⌘"
            title={`Connected to ${data.database.name}`}
            actions={
              <button className="btn" onClick={onQuickOpen}>
                Quick open <span className="kbd">Ctrl K</span>
              </button>
            }
          >
            {data.relations.length === 0
              ? 'This database has no tables or views yet. Create some, then refresh the catalog (↻).'
              : `Pick a table in the navigator to see its columns, policies, grants and DDL. ${data.relations.length} relations in ${data.schemas.length} schemas.`}
            {firstTable && (
              <ol className="gh-first-steps" aria-label="Try first">
                <li>
                  <button className="link" onClick={() => navigate({ object: firstRef, tab: null })}>
                    Browse {firstTable.schema}.{firstTable.name}
                  </button>{' '}
                  — its columns, grants and policies.
                </li>
                <li>
                  <button
                    className="link"
                    onClick={() => navigate({ panel: 'act-as', object: null, tab: null })}
                  >
                    Act as a persona
                  </button>{' '}
                  — send a request as alice, bob or anonymous and see what each one gets.
                </li>
              </ol>
            )}
          </EmptyState>
        )}
      </main>
    </div>
  );
}
