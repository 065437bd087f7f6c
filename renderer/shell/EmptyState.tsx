import type { ReactNode } from 'react';

export function EmptyState({
  icon = '◇',
  title,
  children,
  actions,
  compact,
}: {
  icon?: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  /** Inside a page, in place of a table that has no rows: smaller, framed like the table would have been. */
  compact?: boolean;
}) {
  return (
    <div className={compact ? 'empty compact' : 'empty'} role={compact ? 'status' : undefined}>
      <div className="art" aria-hidden>
        {icon}
      </div>
      <h2>{title}</h2>
      {children && <div>{children}</div>}
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden /> {label}
    </div>
  );
}
