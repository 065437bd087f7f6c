/** The theme switch's icon, drawn rather than a text glyph: the fonts' ☾ is a hairline that all but vanishes
 * beside ↻ and ? in the light theme. Stroked in currentColor, so it follows the button's colour and hover. */
export function ThemeIcon({ theme }: { theme: 'light' | 'dark' }) {
  return (
    <svg
      className="theme-icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      aria-hidden="true"
      data-icon={theme === 'dark' ? 'sun' : 'moon'}
    >
      {theme === 'dark' ? (
        <>
          <circle cx="8" cy="8" r="3" />
          <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
        </>
      ) : (
        <path d="M13.5 9.6A5.8 5.8 0 0 1 6.4 2.5a5.8 5.8 0 1 0 7.1 7.1Z" />
      )}
    </svg>
  );
}
