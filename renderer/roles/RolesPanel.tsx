import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { roleRules } from '../../shared/model/role-closure.js';
import { roleGraph, SYSTEM_GROUP, type RoleGraph } from '../../shared/roles/graph.js';
import { asErrorShape } from '../client/index.js';
import { useCatalogQuery } from '../catalog/queries.js';
import { EmptyState, Loading } from '../shell/EmptyState.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import type { PanelProps } from '../shell/panels.js';
import { Splitter, useSplitSize } from '../shell/Splitter.js';
import { ThemeContext } from '../shell/theme-context.js';
import { PlanNotice, usePlanQueue } from './PlanNotice.js';
import { useRoleConfig } from './config.js';
import { downloadPng, downloadSvg } from './export.js';
import { edgeBadge, edgeTitle, graphSvg, labelSpots, placeGraph } from './graph-flow.js';
import { MembershipEdge, type MembershipFlowEdge } from './MembershipEdge.js';
import { RoleCard, type RoleFlowNode } from './RoleCard.js';
import { RoleInspector } from './RoleInspector.js';
import { NewRoleDialog, TemplateDialog } from './RoleDialogs.js';
import './roles.css';
import { plural } from '../../shared/text/plural.js';

const nodeTypes = { role: RoleCard };
const edgeTypes = { membership: MembershipEdge };
const FIT = { padding: 0.15, maxZoom: 1 } as const;

/** The roles panel: the role graph (PostgREST shape drawn as such), a role's inspector, and role editing. */
export default function RolesPanel({ connectionId, focus }: PanelProps) {
  const catalog = useCatalogQuery(connectionId);
  if (catalog.isPending) return <Loading label="Reading roles…" />;
  if (catalog.error)
    return <ErrorCallout error={asErrorShape(catalog.error)} title="The catalog could not be read" />;
  return (
    <ReactFlowProvider>
      <RolesView
        connectionId={connectionId}
        catalog={catalog.data}
        focusRole={focus?.view === 'role' ? focus.role : null}
      />
    </ReactFlowProvider>
  );
}

function RolesView({
  connectionId,
  catalog,
  focusRole,
}: {
  connectionId: string;
  catalog: Catalog;
  /** A role a link asked to show (shell/route.ts): selected and open in the inspector. */
  focusRole: string | null;
}) {
  const config = useRoleConfig(connectionId);
  const graph: RoleGraph = useMemo(() => roleGraph(catalog, config), [catalog, config]);
  const inspector = useSplitSize('roles.inspector', 380, 300, 720);
  const [search, setSearch] = useState('');
  const [collapseSystem, setCollapseSystem] = useState(true);
  const [postgrestOnly, setPostgrestOnly] = useState(false);
  const [selected, setSelectedRole] = useState<string | null>(focusRole);
  // Each choice of a role (even the one shown) opens its inspector afresh, at its heading: a form used further
  // down must not leave the next look at the role scrolled to the bottom.
  const [opened, setOpened] = useState(0);
  const setSelected = (name: string | null) => {
    setSelectedRole(name);
    setOpened((n) => n + 1);
  };
  // A link followed while the panel is open (another finding's role) selects that role.
  useEffect(() => {
    if (focusRole === null) return;
    setSelectedRole(focusRole);
    setOpened((n) => n + 1);
  }, [focusRole]);
  const [dialog, setDialog] = useState<'new' | 'template' | null>(null);
  const plan = usePlanQueue(connectionId, 'roles');
  const theme = useContext(ThemeContext);
  const flow = useReactFlow();

  const placed = useMemo(
    () => placeGraph(graph, { search, collapseSystem, postgrestOnly }),
    [graph, search, collapseSystem, postgrestOnly],
  );
  // Selecting a role lights up the roles it reaches (SET ROLE or inherited privileges).
  const reach = useMemo(() => {
    if (selected === null || catalogIndex(catalog).role(selected) === undefined) return null;
    const rules = roleRules(catalog);
    return new Set([...rules.closure(selected, 'MEMBER').order]);
  }, [selected, catalog]);

  const nodes: RoleFlowNode[] = useMemo(
    () =>
      placed.nodes.map((n) => ({
        id: n.id,
        type: 'role' as const,
        position: { x: n.x, y: n.y },
        data: {
          node: n.node,
          dimmed: reach !== null && !reach.has(n.id),
          reach: reach !== null && reach.has(n.id) && n.id !== selected,
        },
        style: { width: n.width },
        selected: n.id === selected,
      })),
    [placed, reach, selected],
  );
  const spots = useMemo(() => labelSpots(placed, edgeBadge), [placed]);
  const [hovered, setHovered] = useState<string | null>(null);
  // The edges are ours (computed from the model), so React Flow's selection of one is kept here: without it an
  // edge could not be selected, and "select an edge and press Delete" revoked nothing.
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const edges: MembershipFlowEdge[] = useMemo(
    () =>
      placed.edges.map((e) => ({
        id: e.id,
        type: 'membership' as const,
        source: e.member,
        target: e.role,
        className: `membership${e.broken ? ' broken' : ''}${e.admin ? ' admin' : ''}${e.optionsFromServer && !e.inherit ? ' noinherit' : ''}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        deletable: e.member !== SYSTEM_GROUP && e.role !== SYSTEM_GROUP,
        selected: e.id === selectedEdge,
        ariaLabel: `${e.member} is a member of ${e.role}${edgeTitle(e) ? `: ${edgeTitle(e)}` : ''}`,
        data: {
          badge: edgeBadge(e),
          full: edgeTitle(e),
          t: spots.get(e.id)?.t ?? 0.5,
          hovered: hovered === e.id,
          select: () => setSelectedEdge(e.id),
          grantors: e.grantors,
        },
      })),
    [placed, spots, hovered, selectedEdge],
  );

  // A new layout (a search, a filter, an applied change) is fitted into view: dagre places every role afresh,
  // and a role could land out of sight.
  const firstLayout = useRef(true);
  useEffect(() => {
    if (firstLayout.current) {
      firstLayout.current = false; // the first one is fitted by <ReactFlow fitView>
      return;
    }
    const t = setTimeout(() => void flow.fitView({ ...FIT, duration: 200 }), 50);
    return () => clearTimeout(t);
  }, [placed, flow]);

  // Keys on the canvas, as the controls: + and − zoom, 0 fits every node into view.
  const onCanvasKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === '+' || e.key === '=') void flow.zoomIn({ duration: 120 });
    else if (e.key === '-' || e.key === '_') void flow.zoomOut({ duration: 120 });
    else if (e.key === '0') void flow.fitView({ ...FIT, duration: 200 });
    else return;
    e.preventDefault();
  };

  const queue = plan.queue;

  const onConnect = (c: Connection) => {
    if (c.source === c.target || c.source === SYSTEM_GROUP || c.target === SYSTEM_GROUP) return;
    queue([{ type: 'grant-membership', role: c.target, member: c.source }]);
  };

  const exportName = `roles-${catalog.database.name}`;

  return (
    <div className="roles-panel">
      <div className="roles-toolbar">
        <input
          className="input"
          placeholder="Search roles…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search roles"
        />
        <label className="check">
          <input
            type="checkbox"
            checked={collapseSystem}
            onChange={(e) => setCollapseSystem(e.target.checked)}
          />
          Collapse pg_* roles
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={postgrestOnly}
            onChange={(e) => setPostgrestOnly(e.target.checked)}
          />
          PostgREST shape only
        </label>
        <span className="grow" />
        <button
          className="btn small"
          onClick={() => void flow.fitView({ ...FIT, duration: 200 })}
          title="Fit every role into view (0)"
        >
          Fit
        </button>
        <button
          className="btn small"
          onClick={() => downloadSvg(graphSvg(placed, theme), `${exportName}.svg`)}
        >
          Export SVG
        </button>
        <button
          className="btn small"
          onClick={() => void downloadPng(graphSvg(placed, theme), `${exportName}.png`)}
        >
          Export PNG
        </button>
        <button className="btn small" onClick={() => setDialog('template')}>
          Set up PostgREST roles
        </button>
        <button className="btn small primary" onClick={() => setDialog('new')}>
          New role
        </button>
      </div>
      <ShapeSummary graph={graph} onSelect={setSelected} />
      <PlanNotice queue={plan} />
      <div className="roles-body" style={{ gridTemplateColumns: `minmax(0, 1fr) auto ${inspector.size}px` }}>
        <div
          className="roles-canvas"
          data-testid="role-graph"
          tabIndex={0}
          aria-label="Role graph: + and − zoom, 0 fits"
          onKeyDown={onCanvasKey}
        >
          {placed.nodes.length === 0 ? (
            <EmptyState title="No roles match">Clear the search or the filters.</EmptyState>
          ) : (
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              fitView
              fitViewOptions={FIT}
              minZoom={0.1}
              nodesConnectable
              nodesDraggable
              onNodeClick={(_, n) => setSelected(n.id === SYSTEM_GROUP ? null : n.id)}
              onPaneClick={() => {
                setSelected(null);
                setSelectedEdge(null);
              }}
              onEdgesChange={(changes) => {
                for (const c of changes)
                  if (c.type === 'select')
                    setSelectedEdge((s) => (c.selected ? c.id : s === c.id ? null : s));
              }}
              onEdgeMouseEnter={(_, e) => setHovered(e.id)}
              onEdgeMouseLeave={() => setHovered(null)}
              onConnect={onConnect}
              onEdgesDelete={(deleted) =>
                queue(
                  deleted.map((e) => ({
                    type: 'revoke-membership' as const,
                    role: e.target,
                    member: e.source,
                  })),
                )
              }
              deleteKeyCode={['Delete', 'Backspace']}
              proOptions={{ hideAttribution: true }}
              colorMode={theme}
            >
              <Background gap={24} size={1} />
              <Controls showInteractive={false} />
            </ReactFlow>
          )}
        </div>
        <Splitter split={inspector} orientation="vertical" pane="after" label="Resize the role inspector" />
        <RoleInspector
          key={`${selected ?? ''}\0${opened}`}
          catalog={catalog}
          graph={graph}
          role={selected}
          onSelect={setSelected}
          onQueue={queue}
          busy={plan.busy}
        />
      </div>
      {dialog === 'new' && (
        <NewRoleDialog
          catalog={catalog}
          onClose={() => setDialog(null)}
          onQueue={(c) => {
            queue(c);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'template' && (
        <TemplateDialog
          connectionId={connectionId}
          catalog={catalog}
          config={config}
          onClose={() => setDialog(null)}
          onQueued={(result) => {
            plan.show(result);
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}

/** The PostgREST shape in one line, and what cannot work. */
function ShapeSummary({ graph, onSelect }: { graph: RoleGraph; onSelect: (r: string) => void }) {
  const v = graph.view;
  const request = graph.nodes.filter((n) => n.parts.includes('request')).map((n) => n.id);
  return (
    <div className="shape-summary" data-testid="shape-summary">
      <span>
        <b>Authenticator</b>{' '}
        {v.authenticator ? (
          <button className="link" onClick={() => onSelect(v.authenticator!.name)}>
            {v.authenticator.name}
          </button>
        ) : (
          <i>none found</i>
        )}
        {v.authenticator && (
          <span className="muted"> ({v.authenticator.source === 'config' ? 'db-uri' : 'inferred'})</span>
        )}
      </span>
      <span>
        <b>db-anon-role</b> {v.anonRole ?? <i>not set</i>}
      </span>
      <span>
        <b>Request roles</b> {request.length > 0 ? request.join(', ') : <i>none</i>}
      </span>
      {graph.problems.length > 0 && (
        <span
          className={`shape-problems ${graph.problems.some((p) => p.severity === 'error') ? 'error' : 'warning'}`}
        >
          {graph.problems.length} {plural(graph.problems.length, 'problem')}
        </span>
      )}
    </div>
  );
}
