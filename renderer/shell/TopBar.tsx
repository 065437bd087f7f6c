import type { ConnectionStatus } from '../../shared/model/connection.js';
import { ChangeSetButton } from '../changeset/ChangeSetButton.js';
import { WhoamiBadges } from '../connections/WhoamiBadges.js';
import { DEFAULT_PANEL } from './route.js';
import { PanelTabs } from './PanelTabs.js';
import { panels } from './panels.js';
import { ThemeIcon } from './ThemeIcon.js';

export function TopBar({
  current,
  panel,
  theme,
  onToggleTheme,
  onShowConnections,
  onPanel,
  onShortcuts,
  onRefresh,
  onQuickOpen,
  changeCount,
  onChanges,
}: {
  current: ConnectionStatus | null;
  panel: string;
  theme: 'light' | 'dark';
  onToggleTheme(): void;
  onShowConnections(): void;
  onPanel(id: string): void;
  onShortcuts(): void;
  onRefresh(): void;
  onQuickOpen(): void;
  /** Statements pending in the connection's change set. */
  changeCount: number;
  onChanges(): void;
}) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          G
        </span>
        <span className="brand-name">Gatehouse</span>
      </div>
      <span className="topbar-sep" />
      <button
        className="conn-switch"
        onClick={onShowConnections}
        title="Switch or manage connections"
        aria-label="Connections"
      >
        <span className={`dot ${current?.state ?? ''}`} aria-hidden />
        {current ? (
          <>
            <span className="name">{current.name}</span>
            <span className="sub">
              {current.whoami.database} · PG {current.whoami.serverVersion}
            </span>
          </>
        ) : (
          <span className="name">Not connected</span>
        )}
      </button>
      {current && (
        <div className="whoami" aria-label="Connected as">
          as <span className="role">{current.whoami.currentUser}</span>
          <WhoamiBadges whoami={current.whoami} />
        </div>
      )}
      {current ? (
        <>
          <span className="topbar-sep" />
          <PanelTabs
            tabs={[
              { id: DEFAULT_PANEL, title: 'Explorer', description: 'Browse schemas and objects' },
              ...panels,
            ]}
            selected={panel}
            onSelect={onPanel}
          />
        </>
      ) : (
        <span className="topbar-spacer" />
      )}
      {current && (
        <div className="topbar-tools">
          <ChangeSetButton count={changeCount} onOpen={onChanges} />
          <button
            className="btn ghost small topbar-search"
            onClick={onQuickOpen}
            title="Quick open (Ctrl/⌘ K)"
            aria-label="Search"
          >
            <span aria-hidden>⌕</span> <span className="label">Search</span>{' '}
            <span className="kbd">Ctrl K</span>
          </button>
          <button
            className="btn ghost icon-btn"
            onClick={onRefresh}
            title="Reread the catalog"
            aria-label="Refresh catalog"
          >
            ↻
          </button>
        </div>
      )}
      <button
        className="btn ghost icon-btn"
        onClick={onToggleTheme}
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
      >
        <ThemeIcon theme={theme} />
      </button>
      <button
        className="btn ghost icon-btn"
        onClick={onShortcuts}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
    </header>
  );
}
