import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one bundle served by browser mode and loaded by the Electron window alike.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
});
