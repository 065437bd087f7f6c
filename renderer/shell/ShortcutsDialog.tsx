import { Dialog } from './Dialog.js';
import { shortcutGroups } from './shortcuts.js';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="dialog-body shortcut-groups">
        {shortcutGroups.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3>{g.title}</h3>
            <dl className="shortcut-list">
              {g.shortcuts.map((s) => (
                <div key={`${s.keys.join('+')} ${s.label}`} className="shortcut">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="plus">+</span>}
                        <span className="kbd">{k}</span>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
