import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useState } from 'react';
import type { FocusTarget } from '../../shared/contract/focus.js';
import type { ObjectRef } from '../../shared/model/catalog.js';
import { asErrorShape, useClient } from '../client/index.js';
import { catalogApi } from '../catalog/api.js';
import { ChangeSetDrawer } from '../changeset/ChangeSetDrawer.js';
import { useChangeSetQuery } from '../changeset/queries.js';
import { catalogKeys } from '../catalog/keys.js';
import { Explorer } from '../catalog/Explorer.js';
import { QuickOpen } from '../catalog/QuickOpen.js';
import { useCatalogQuery } from '../catalog/queries.js';
import { ConnectionLostBanner } from '../connections/ConnectionLostBanner.js';
import { ConnectionScreen } from '../connections/ConnectionScreen.js';
import { useConnectionDraft } from '../connections/draft.js';
import { connectionKeys } from '../connections/keys.js';
import { useConnectionStatusQuery } from '../connections/queries.js';
import { EmptyState, Loading } from './EmptyState.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ErrorCallout } from './ErrorCallout.js';
import { panels } from './panels.js';
import { DEFAULT_PANEL, formatRoute, routeTo, useRoute } from './route.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { useShortcuts } from './shortcuts.js';
import { useTheme } from './theme.js';
import { ThemeContext } from './theme-context.js';
import { TopBar } from './TopBar.js';

const CONNECTIONS_PANEL = 'connections';

export function App() {
  const { theme, toggle } = useTheme();
  const [route, navigate] = useRoute();
  const status = useConnectionStatusQuery();
  const [draft, updateDraft] = useConnectionDraft();
  const [navFilter, setNavFilter] = useState('');
  const [navHidden, setNavHidden] = useState(false);
  const [dialog, setDialog] = useState<'quick' | 'shortcuts' | null>(null);
  const [changesOpen, setChangesOpen] = useState(false);
  const queryClient = useQueryClient();
  const client = useClient();

  const open = (status.data?.connections ?? []).filter((c) => c.state !== 'closed');
  const current =
    open.find((c) => c.id === route.connectionId) ??
    (route.connectionId === null ? open.find((c) => c.id === status.data?.defaultId) : undefined) ??
    null;
  const catalog = useCatalogQuery(current?.id ?? null);
  const changes = useChangeSetQuery(current?.id ?? null);
  const showConnections = current === null || route.panel === CONNECTIONS_PANEL;

  const openObject = useCallback(
    (ref: ObjectRef, tab?: string) =>
      navigate({ panel: DEFAULT_PANEL, object: ref, tab: tab ?? null, focus: null }),
    [navigate],
  );
  const openTarget = useCallback((target: FocusTarget) => navigate(routeTo(target)), [navigate]);

  // Using the connection is what makes the manager replace a lost pool: reread the catalog, then the status.
  const reconnect = async () => {
    if (!current) return;
    const id = current.id;
    try {
      await queryClient.fetchQuery({
        queryKey: catalogKeys.read(id),
        queryFn: () => catalogApi.read(client, id, true),
        staleTime: 0,
      });
    } finally {
      await queryClient.invalidateQueries({ queryKey: connectionKeys.all });
    }
  };

  useShortcuts({
    quickOpen: () => catalog.data && setDialog('quick'),
    toggleNavigator: () => setNavHidden((h) => !h),
    showShortcuts: () => setDialog('shortcuts'),
    toggleChanges: () => current && setChangesOpen((o) => !o),
    escape: () => {
      setDialog(null);
      setChangesOpen(false);
    },
  });

  let main: React.ReactNode;
  if (status.isPending) {
    main = <Loading label="Starting the studio…" />;
  } else if (status.error) {
    main = (
      <div className="connect-screen">
        <ErrorCallout error={asErrorShape(status.error)} title="The studio host is not answering" />
      </div>
    );
  } else if (showConnections) {
    main = (
      <ConnectionScreen
        draft={draft}
        update={updateDraft}
        openConnections={open}
        onOpened={(id) =>
          navigate({ connectionId: id, panel: DEFAULT_PANEL, object: null, tab: null, focus: null })
        }
      />
    );
  } else if (route.panel !== DEFAULT_PANEL) {
    const panel = panels.find((p) => p.id === route.panel);
    const Panel = panel?.component;
    main = (
      <div className="panel-host">
        {Panel ? (
          <Suspense fallback={<Loading />}>
            <Panel connectionId={current!.id} openObject={openObject} open={openTarget} focus={route.focus} />
          </Suspense>
        ) : (
          <EmptyState title="No such panel">This panel is not part of this version of Gatehouse.</EmptyState>
        )}
      </div>
    );
  } else {
    main = (
      <Explorer
        connectionId={current!.id}
        catalog={catalog}
        route={route}
        navigate={navigate}
        navHidden={navHidden}
        filter={navFilter}
        onFilterChange={setNavFilter}
        onQuickOpen={() => setDialog('quick')}
      />
    );
  }

  return (
    <ThemeContext.Provider value={theme}>
      <div className="app">
        <TopBar
          current={current}
          panel={showConnections ? CONNECTIONS_PANEL : route.panel}
          theme={theme}
          onToggleTheme={toggle}
          onShowConnections={() => navigate({ panel: CONNECTIONS_PANEL })}
          onPanel={(id) => navigate({ panel: id, focus: null })}
          onShortcuts={() => setDialog('shortcuts')}
          onRefresh={() => {
            if (!current) return;
            const id = current.id;
            // The host serves its cached model: ask it to read the database anew.
            void queryClient
              .fetchQuery({
                queryKey: catalogKeys.read(id),
                queryFn: () => catalogApi.read(client, id, true),
                staleTime: 0,
              })
              .catch(() => undefined);
            void queryClient.invalidateQueries({ queryKey: catalogKeys.ddlOf(current.id) });
          }}
          onQuickOpen={() => setDialog('quick')}
          changeCount={changes.data?.statements.length ?? 0}
          onChanges={() => setChangesOpen((o) => !o)}
        />
        <div>
          {current && (current.state === 'lost' || current.state === 'reconnecting') && (
            <ConnectionLostBanner status={current} onReconnect={reconnect} />
          )}
        </div>
        <ErrorBoundary resetKey={formatRoute(route)}>{main}</ErrorBoundary>
        {changesOpen && current && (
          <ChangeSetDrawer key={current.id} connectionId={current.id} onClose={() => setChangesOpen(false)} />
        )}
        {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
        {dialog === 'quick' && catalog.data && (
          <QuickOpen catalog={catalog.data} onOpen={openObject} onClose={() => setDialog(null)} />
        )}
      </div>
    </ThemeContext.Provider>
  );
}
