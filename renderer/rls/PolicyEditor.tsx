import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { PolicyDraft, PolicyEditorContext, RlsChange, RlsOverview } from '../../shared/contract/rls.js';
import { asErrorShape } from '../client/index.js';
import { ErrorCallout } from '../shell/ErrorCallout.js';
import { useChangePlan, useEditorContext, useExpressionCheck, useQueueRlsChange } from './queries.js';

const ExpressionEditor = lazy(() => import('./ExpressionEditor.js'));

type Rel = RlsOverview['relations'][number];
type Command = PolicyDraft['command'];
const COMMANDS: readonly Command[] = ['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const label = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;

/** Which clauses a command takes: INSERT has no USING, SELECT and DELETE no WITH CHECK. */
export const usesUsing = (c: Command) => c !== 'INSERT';
export const usesCheck = (c: Command) => c !== 'SELECT' && c !== 'DELETE';

/** The draft as it is sent: the clauses its command does not take, and empty ones, become null. */
export function sentDraft(d: PolicyDraft): PolicyDraft {
  return {
    ...d,
    using: usesUsing(d.command) && d.using !== null && d.using.trim() !== '' ? d.using : null,
    withCheck: usesCheck(d.command) && d.withCheck !== null && d.withCheck.trim() !== '' ? d.withCheck : null,
  };
}

/** Waits until typing pauses before asking the database. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export interface PolicyEditorProps {
  readonly connectionId: string;
  readonly rel: Rel;
  readonly context: PolicyEditorContext | null;
  /** The policy as it is in the database (an edit), or null (a new one). */
  readonly original: Rel['policies'][number] | null;
  readonly initial: PolicyDraft;
  readonly pendingKey: string;
  /** A stable id for the editors' models. */
  readonly id: string;
  readonly onDone?: () => void;
}

/**
 * One policy in the editor: name, PERMISSIVE/RESTRICTIVE, command, roles, USING and WITH CHECK in Monaco. It
 * validates as you type, shows the statements it would queue (core plans them: RENAME/ALTER, or why DROP + CREATE
 * is needed, offered then) and queues them into the change set. Nothing here decides what is valid or possible.
 */
export function PolicyEditor(props: PolicyEditorProps) {
  const { connectionId, rel, context, original } = props;
  const queue = useQueueRlsChange(connectionId);
  const [draft, setDraft] = useState<PolicyDraft>(props.initial);
  const [recreate, setRecreate] = useState(false);
  const [usingOk, setUsingOk] = useState(true);
  const [checkOk, setCheckOk] = useState(true);
  const set = (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const sent = sentDraft(draft);
  const valid =
    draft.name.trim() !== '' &&
    (!usesUsing(draft.command) || usingOk) &&
    (!usesCheck(draft.command) || checkOk);
  const change: RlsChange | null = !valid
    ? null
    : original === null
      ? { kind: 'create', schema: rel.schema, table: rel.name, ...sent }
      : { kind: 'edit', schema: rel.schema, table: rel.name, name: original.name, policy: sent, recreate };
  const changeKey = JSON.stringify(change);
  const settledKey = useDebounced(changeKey, 150);
  const settled = useMemo(() => JSON.parse(settledKey) as RlsChange | null, [settledKey]);
  const plan = useChangePlan(connectionId, settled);
  const planned = settledKey === changeKey && plan.isSuccess ? plan.data : null;
  const roleChoices = useMemo(
    () => [...new Set([...(context?.requestRoles ?? []), ...draft.roles])],
    [context, draft.roles],
  );
  const blocked = planned !== null && planned.statements.length === 0 && planned.recreateReason !== null;
  const canQueue = change !== null && planned !== null && !planned.unchanged && !blocked && !queue.isPending;
  const title = original === null ? 'New policy' : `Edit policy ${original.name}`;

  return (
    <form
      className="rls-editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        if (change && canQueue) queue.mutate(change, { onSuccess: () => props.onDone?.() });
      }}
    >
      <div className="rls-editor-row">
        <label>
          Name
          <input
            className="input mono"
            aria-label="Policy name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            required
          />
        </label>
        <label>
          Kind
          <select
            className="select"
            aria-label="Kind"
            value={draft.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}
            onChange={(e) => set({ permissive: e.target.value === 'PERMISSIVE' })}
          >
            <option>PERMISSIVE</option>
            <option>RESTRICTIVE</option>
          </select>
        </label>
        <label>
          Command
          <select
            className="select"
            aria-label="Command"
            value={draft.command}
            onChange={(e) => set({ command: e.target.value as Command })}
          >
            {COMMANDS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <fieldset className="rls-roles" aria-label="Roles">
          <legend>Roles {draft.roles.length === 0 && <span className="muted">(none: PUBLIC)</span>}</legend>
          {roleChoices.map((r) => (
            <label key={r} className="rls-role">
              <input
                type="checkbox"
                checked={draft.roles.includes(r)}
                onChange={(e) =>
                  set({ roles: e.target.checked ? [...draft.roles, r] : draft.roles.filter((x) => x !== r) })
                }
              />
              {r}
            </label>
          ))}
        </fieldset>
      </div>
      {usesUsing(draft.command) && (
        <ExpressionField
          {...props}
          label="USING"
          path={`${props.id}/using`}
          value={draft.using ?? ''}
          onChange={(v) => set({ using: v })}
          onValidity={setUsingOk}
        />
      )}
      {usesCheck(draft.command) && (
        <ExpressionField
          {...props}
          label="WITH CHECK"
          path={`${props.id}/check`}
          value={draft.withCheck ?? ''}
          onChange={(v) => set({ withCheck: v })}
          onValidity={setCheckOk}
        />
      )}
      {blocked && (
        <div className="callout warn" role="status" aria-label="Needs drop and create">
          <div>
            {planned.recreateReason}{' '}
            <button type="button" className="btn small" onClick={() => setRecreate(true)}>
              Drop and create instead
            </button>
          </div>
        </div>
      )}
      {recreate && planned?.recreateReason && !blocked && (
        <div className="callout warn">
          Drops and creates {original?.name} in the change set’s one transaction.{' '}
          <button type="button" className="btn small" onClick={() => setRecreate(false)}>
            Undo
          </button>
        </div>
      )}
      {planned && planned.statements.length > 0 && (
        <pre className="rls-sql" aria-label="Statements to queue">
          {planned.statements.map((s) => `${s};`).join('\n')}
        </pre>
      )}
      {planned?.unchanged && <div className="muted">Nothing changed yet.</div>}
      {plan.isError && settledKey === changeKey && <ErrorCallout error={asErrorShape(plan.error)} />}
      <div className="rls-editor-actions">
        <button className="btn primary" type="submit" disabled={!canQueue}>
          {original === null ? 'Add to change set' : 'Queue changes'}
        </button>
        {props.onDone && (
          <button type="button" className="btn" onClick={props.onDone}>
            Cancel
          </button>
        )}
      </div>
      {queue.isError && <ErrorCallout error={asErrorShape(queue.error)} />}
    </form>
  );
}

function ExpressionField(
  props: PolicyEditorProps & {
    label: string;
    path: string;
    value: string;
    onChange: (v: string) => void;
    onValidity: (ok: boolean) => void;
  },
) {
  const { connectionId, rel, label: name, value, onValidity } = props;
  const settled = useDebounced(value, 150);
  const check = useExpressionCheck(connectionId, rel.schema, rel.name, settled, props.pendingKey);
  const problems = settled === value ? (check.data?.problems ?? []) : [];
  const ok = value.trim() === '' || (settled === value && check.isSuccess && problems.length === 0);
  useEffect(() => onValidity(ok), [ok, onValidity]);
  return (
    <div className="rls-expr-field" role="group" aria-label={name}>
      <div className="rls-expr-label">
        {name}
        {settled === value && check.isFetching && <span className="muted"> checking…</span>}
        {ok && value.trim() !== '' && <span className="rls-ok"> ✓ valid</span>}
      </div>
      <Suspense fallback={<textarea className="rls-expr-fallback" readOnly value={value} />}>
        <ExpressionEditor
          path={props.path}
          value={value}
          onChange={props.onChange}
          context={props.context}
          problems={problems}
          ariaLabel={`${name} expression of ${label(rel)}`}
        />
      </Suspense>
      {problems.map((p) => (
        <span key={p.offset + p.message} className="rls-problem" role="alert" aria-label={`${name} problem`}>
          {p.source === 'syntax' ? 'Syntax' : 'PostgreSQL'} at character {p.offset + 1}: {p.message}
        </span>
      ))}
      {check.isError && <ErrorCallout error={asErrorShape(check.error)} />}
    </div>
  );
}

/** A new policy: blank, or from a template (which may write several policies, each its own editor). */
export function NewPolicies({
  connectionId,
  rel,
  pendingKey,
}: {
  connectionId: string;
  rel: Rel;
  pendingKey: string;
}) {
  const context = useEditorContext(connectionId, rel.schema, rel.name);
  const [template, setTemplate] = useState<string>('');
  const [round, setRound] = useState(0);
  const chosen = context.data?.templates.find((t) => t.id === template) ?? null;
  const blank: PolicyDraft = {
    name: '',
    permissive: true,
    command: 'ALL',
    roles: [],
    using: '',
    withCheck: '',
  };
  const drafts = chosen?.policies ?? [blank];
  return (
    <section className="rls-new" aria-label="New policies">
      <div className="rls-editor-row">
        <h3>New policy</h3>
        <label>
          Template
          <select
            className="select"
            aria-label="Template"
            value={template}
            onChange={(e) => {
              setTemplate(e.target.value);
              setRound((n) => n + 1);
            }}
          >
            <option value="">— blank —</option>
            {(context.data?.templates ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {context.isError && <ErrorCallout error={asErrorShape(context.error)} />}
      {chosen && <p className="muted rls-template-note">{chosen.description}</p>}
      {chosen?.companionSql && (
        <details className="rls-companion">
          <summary>The pre-request function this pattern needs (create it in the workbench)</summary>
          <pre className="rls-sql">{chosen.companionSql}</pre>
        </details>
      )}
      {drafts.map((d, i) => (
        <PolicyEditor
          key={`${template}-${round}-${i}`}
          id={`${label(rel)}/new/${round}/${i}`}
          connectionId={connectionId}
          rel={rel}
          context={context.data ?? null}
          original={null}
          initial={d}
          pendingKey={pendingKey}
        />
      ))}
    </section>
  );
}

/** An existing policy opened in the editor: its name, clauses and expressions as the database has them. */
export function EditPolicy({
  connectionId,
  rel,
  policy,
  pendingKey,
  onDone,
}: {
  connectionId: string;
  rel: Rel;
  policy: Rel['policies'][number];
  pendingKey: string;
  onDone: () => void;
}) {
  const context = useEditorContext(connectionId, rel.schema, rel.name);
  return (
    <PolicyEditor
      id={`${label(rel)}/edit/${policy.name}`}
      connectionId={connectionId}
      rel={rel}
      context={context.data ?? null}
      original={policy}
      initial={{
        name: policy.name,
        permissive: policy.permissive,
        command: policy.command,
        roles: policy.roles.filter((r) => r !== 'PUBLIC'),
        using: policy.using,
        withCheck: policy.withCheck,
      }}
      pendingKey={pendingKey}
      onDone={onDone}
    />
  );
}
