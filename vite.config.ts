import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in web/; `npm start` serves its build from dist/web through the API server.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
