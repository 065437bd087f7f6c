import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { memo } from 'react';
import { isGroupNode, type RoleNode, type SystemGroupNode } from '../../shared/roles/graph.js';

export type RoleFlowNode = Node<
  { node: RoleNode | SystemGroupNode; dimmed: boolean; reach: boolean },
  'role'
>;

const PART_LABEL = {
  authenticator: 'authenticator',
  anon: 'anon role',
  request: 'request role',
  owner: 'owner',
};

/** One role as a card: name, PostgREST part, attribute badges; red when something about it cannot work. */
export const RoleCard = memo(function RoleCard({ data, selected }: NodeProps<RoleFlowNode>) {
  const n = data.node;
  if (isGroupNode(n))
    return (
      <div className={`role-card group${data.dimmed ? ' dimmed' : ''}`} title={n.group.join(', ')}>
        <Handle type="target" position={Position.Top} />
        <div className="role-card-name">pg_* roles</div>
        <div className="role-card-sub">{n.group.length} predefined, collapsed</div>
        <Handle type="source" position={Position.Bottom} />
      </div>
    );
  const error = n.problems.some((p) => p.severity === 'error');
  const warn = !error && n.problems.length > 0;
  const cls = [
    'role-card',
    ...n.parts.map((p) => `part-${p}`),
    error ? 'has-error' : '',
    warn ? 'has-warning' : '',
    selected ? 'selected' : '',
    data.dimmed ? 'dimmed' : '',
    data.reach ? 'reach' : '',
    n.role.isSystem ? 'system' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-role={n.id} title={n.problems.map((p) => p.message).join('\n') || undefined}>
      <Handle type="target" position={Position.Top} />
      <div className="role-card-head">
        <span className="role-card-name">{n.id}</span>
        {n.parts.map((p) => (
          <span key={p} className={`role-part ${p}`}>
            {PART_LABEL[p]}
          </span>
        ))}
      </div>
      {n.badges.length > 0 && (
        <div className="role-card-badges">
          {n.badges.map((b) => (
            <span key={b.label} className={`role-badge ${b.tone}`} title={b.title}>
              {b.label}
            </span>
          ))}
        </div>
      )}
      {(error || warn) && <span className={`role-card-alert ${error ? 'error' : 'warning'}`}>!</span>}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
});
