/** Saves text as a file from the page (browser mode and Electron alike: a blob link, clicked). */
export function downloadText(filename: string, text: string, type = 'application/sql'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some engines start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
