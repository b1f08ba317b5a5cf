import { defineConfig } from 'vite';

// The board is served by Sacred.Board (Kestrel) from resources embedded at build time: no inline scripts
// (the page's CSP is script-src 'self'), hashed file names (cached for a year), one small bundle.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    reportCompressedSize: false,
  },
});
