import { useEffect, useRef, type ReactNode } from 'react';
import { CloseButton } from './CloseButton.js';

export function Dialog({
  title,
  onClose,
  children,
  bare,
  wide,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  bare?: boolean;
  /** Twice as wide (the shortcuts list). */
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    if (!ref.current?.contains(document.activeElement)) ref.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={ref}
        tabIndex={-1}
      >
        {!bare && (
          <div className="dialog-head">
            <span>{title}</span>
            <CloseButton onClose={onClose} label="Close" />
          </div>
        )}
        {children}
      </div>
    </div>
  );
}
