import { Dialog } from './Dialog.js';
import { shortcutList } from './shortcuts.js';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div className="dialog-body">
        <dl className="shortcut-list">
          {shortcutList.map((s) => (
            <div key={s.label} style={{ display: 'contents' }}>
              <dt>
                {s.keys.map((k) => (
                  <span key={k}>
                    <span className="kbd">{k}</span>{' '}
                  </span>
                ))}
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Dialog>
  );
}
