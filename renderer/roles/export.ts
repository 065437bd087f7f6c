import { downloadText } from '../changeset/download.js';

export function downloadSvg(svg: string, filename: string): void {
  downloadText(filename, svg, 'image/svg+xml');
}

/** The SVG drawn onto a canvas at 2× and saved as PNG (no DOM capture: the SVG is the picture). */
export async function downloadPng(svg: string, filename: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The SVG could not be drawn.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = img.width * 2;
    canvas.height = img.height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return;
    const png = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = png;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(png), 10_000);
  } finally {
    URL.revokeObjectURL(url);
  }
}
