import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { bezierPoint } from './graph-flow.js';

export type MembershipFlowEdge = Edge<
  {
    /** Always shown: what departs from a plain GRANT (may be empty). */
    badge: string;
    /** Every option and the grantor: on hover and selection. */
    full: string;
    /** Where along the edge the label sits (graph-flow's labelSpots). */
    t: number;
    hovered: boolean;
    /** Selects the edge (a click on its label: the label lies over the edge). */
    select(): void;
    grantors: readonly string[];
  },
  'membership'
>;

/**
 * A membership edge: React Flow's bezier, with its label at its own spot along the curve (so labels of one
 * member's several memberships do not pile up in the middle) — compact until hovered or selected.
 */
export const MembershipEdge = memo(function MembershipEdge(props: EdgeProps<MembershipFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const data = props.data;
  // The label hovered itself (it lies over its edge, which then sees no pointer).
  const [pointed, setPointed] = useState(false);
  const open = data !== undefined && (props.selected === true || data.hovered || pointed);
  const text = data === undefined ? '' : open ? data.full : data.badge;
  const at = bezierPoint(sourceX, sourceY, targetX, targetY, data?.t ?? 0.5);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={14} />
      {text !== '' && (
        <EdgeLabelRenderer>
          <div
            className={`membership-label nodrag nopan${open ? ' open' : ''}`}
            data-testid="edge-label"
            data-edge={`${props.source}→${props.target}`}
            style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
            onMouseEnter={() => setPointed(true)}
            onMouseLeave={() => setPointed(false)}
            onClick={() => data?.select()}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
