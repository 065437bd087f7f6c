import { Badge } from '../shell/Badge.js';

/** Row level security at a glance: forced, on, or off (every granted row visible through the API). */
export function RlsBadge({ state }: { state: 'forced' | 'on' | 'off' }) {
  if (state === 'forced')
    return (
      <Badge tone="ok" title="RLS enabled and forced: policies apply even to the table owner.">
        RLS forced
      </Badge>
    );
  if (state === 'on')
    return (
      <Badge
        tone="ok"
        title="RLS enabled: policies apply to every role except the owner and BYPASSRLS roles."
      >
        RLS
      </Badge>
    );
  return (
    <Badge tone="warn" title="RLS disabled: any role with a grant sees and changes every row.">
      no RLS
    </Badge>
  );
}
