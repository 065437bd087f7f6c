import { Background, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { AdvisorReportView } from './api.js';
import { layoutReach, reachGraph, type ReachCategory } from './reach-graph.js';

const COLOR: Record<ReachCategory, string> = { write: '#c0352f', filtered: '#1c7d4d', unfiltered: '#d08a00' };

/** Roles → endpoints, laid out by dagre, drawn by React Flow; edge colour says write / filtered / unfiltered. */
export default function ReachGraphView({
  reach,
  role,
}: {
  reach: AdvisorReportView['reach'];
  role: string | null;
}) {
  const { nodes, edges } = useMemo(() => {
    const graph = reachGraph(reach, role);
    const pos = layoutReach(graph);
    const nodes: Node[] = graph.nodes.map((n) => ({
      id: n.id,
      position: { x: pos.get(n.id)?.x ?? 0, y: pos.get(n.id)?.y ?? 0 },
      data: { label: n.label },
      className: `adv-node ${n.kind} ${n.category ?? ''}`,
      sourcePosition: 'right' as never,
      targetPosition: 'left' as never,
      draggable: false,
      connectable: false,
    }));
    const edges: Edge[] = graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      // Method labels only for one role: with every role they pile up on the shared endpoints.
      ...(role !== null ? { label: e.label } : {}),
      style: { stroke: COLOR[e.category], strokeWidth: 2 },
      labelStyle: { fontSize: 10 },
      markerEnd: { type: MarkerType.ArrowClosed, color: COLOR[e.category] },
      className: `adv-edge ${e.category}`,
    }));
    return { nodes, edges };
  }, [reach, role]);
  return (
    <div className="adv-graph" aria-label="Reach map picture">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
      </ReactFlow>
      <div className="adv-legend">
        <span style={{ color: COLOR.filtered }}>━ filtered by RLS</span>
        <span style={{ color: COLOR.unfiltered }}>━ unfiltered</span>
        <span style={{ color: COLOR.write }}>━ write</span>
      </div>
    </div>
  );
}
