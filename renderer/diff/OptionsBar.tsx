import type { DiffOptions } from '../../shared/diff/migration.js';

/** The options that change what is compared (renames and ticks are chosen in the results). */
export type CompareOptions = Pick<
  DiffOptions,
  'schemas' | 'ignoreOwners' | 'ignoreGrants' | 'ignoreColumnOrder' | 'includeRoles'
>;

const schemasText = (s: readonly string[] | undefined): string => (s ?? []).join(', ');

/** Schemas to compare (empty: all of the user's), and what to leave out of the comparison. */
export function OptionsBar({
  options,
  onChange,
}: {
  options: CompareOptions;
  onChange: (o: CompareOptions) => void;
}) {
  const flag = (
    key: 'ignoreOwners' | 'ignoreGrants' | 'ignoreColumnOrder' | 'includeRoles',
    label: string,
  ) => (
    <label className="diff-check">
      <input
        type="checkbox"
        checked={options[key] === true}
        onChange={(e) => onChange({ ...options, [key]: e.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <div className="diff-options" role="group" aria-label="Options">
      <label className="diff-schemas">
        Schemas
        <input
          aria-label="Schemas"
          placeholder="all"
          spellCheck={false}
          defaultValue={schemasText(options.schemas)}
          onBlur={(e) => {
            const list = e.target.value
              .split(',')
              .map((x) => x.trim())
              .filter((x) => x !== '');
            const { schemas: _, ...rest } = options;
            onChange(list.length === 0 ? rest : { ...rest, schemas: list });
          }}
        />
      </label>
      {flag('ignoreOwners', 'Ignore owners')}
      {flag('ignoreGrants', 'Ignore grants')}
      {flag('ignoreColumnOrder', 'Ignore column order')}
      {flag('includeRoles', 'Include roles')}
    </div>
  );
}
