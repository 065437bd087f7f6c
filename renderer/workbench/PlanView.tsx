import type { Catalog } from '../../shared/model/catalog.js';
import { misestimate, readPlan, type PlanNode } from './plan.js';
import './plan.css';

const fmt = (n: number) => (n >= 10_000 ? n.toLocaleString('en-US') : String(Math.round(n * 100) / 100));

function NodeView({ node }: { node: PlanNode }) {
  const off = misestimate(node);
  return (
    <li className="wb-plan-node">
      <div className="wb-plan-line">
        {node.role && <span className="wb-plan-role">{node.role}</span>}
        <span className="wb-plan-title">{node.title}</span>
        <span className="wb-plan-figure" title="Rows the planner estimated">
          est {fmt(node.estimatedRows * (node.loops ?? 1))}
        </span>
        {node.actualRows !== null && (
          <span
            className={`wb-plan-figure${off !== null && off >= 10 ? ' bad' : ''}`}
            title={`Rows it really produced${node.loops && node.loops > 1 ? ` (${node.loops} loops)` : ''}`}
          >
            actual {fmt(node.actualRows)}
            {off !== null && off >= 10 && ` (×${Math.round(off)} off)`}
          </span>
        )}
        {node.totalMs !== null && <span className="wb-plan-figure">{fmt(node.totalMs)} ms</span>}
        <span className="wb-plan-figure faint">cost {fmt(node.cost)}</span>
      </div>
      {node.conditions.map((c, i) => (
        <div key={i} className={`wb-plan-cond${c.policy || c.mayBeRls ? ' rls' : ''}`}>
          <span className="wb-plan-label">{c.label}:</span> <code>{c.text}</code>
          {c.policy && <span className="wb-badge rls">policy {c.policy}</span>}
          {c.mayBeRls && (
            <span
              className="wb-badge maybe"
              title="RLS applies to this table for you, but no policy expression matched the text."
            >
              may include RLS
            </span>
          )}
          {c.label === 'Filter' && node.rowsRemovedByFilter !== null && (
            <span className="wb-plan-figure faint"> removed {fmt(node.rowsRemovedByFilter)}</span>
          )}
        </div>
      ))}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <NodeView key={c.id} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** EXPLAIN as a tree: node, rows estimated vs actual, time, and the filters RLS policies added. */
export function PlanView({ json, catalog }: { json: unknown; catalog: Catalog | null }) {
  const plan = readPlan(json, catalog);
  if (!plan) return <div className="wb-muted">No plan in this result.</div>;
  return (
    <div className="wb-plan" role="tree" aria-label="Query plan">
      <div className="wb-muted">
        {plan.planningMs !== null && `Planning ${fmt(plan.planningMs)} ms`}
        {plan.executionMs !== null && ` · Execution ${fmt(plan.executionMs)} ms`}
      </div>
      <ul>
        <NodeView node={plan.root} />
      </ul>
    </div>
  );
}
