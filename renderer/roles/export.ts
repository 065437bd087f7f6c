import { downloadText } from '../changeset/download.js';

export function downloadSvg(svg: string, filename: string): void {
  downloadText(filename, svg, 'image/svg+xml');
}

/**
 * The SVG drawn onto a canvas at 2× and saved as PNG (no DOM capture: the SVG is the picture). The image is read
 * from a data: URL: the studio's CSP allows images from 'self' and data: only, and a blob: SVG failed to load.
 */
export async function downloadPng(svg: string, filename: string): Promise<void> {
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('The SVG could not be drawn.'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = img.width * 2;
  canvas.height = img.height * 2;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas to draw the PNG on.');
  ctx.scale(2, 2);
  ctx.drawImage(img, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The PNG could not be encoded.');
  const png = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = png;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(png), 10_000);
}
