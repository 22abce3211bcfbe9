import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// The SPA lives in web/; `npm start` serves its build from dist/web through the API server.
// Every text file of the build gets a .gz and a .br beside it: the server picks one by Accept-Encoding
// (src/http/static.ts), so no request pays for compressing.
export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    compression({
      algorithms: [defineAlgorithm('gzip', { level: 9 }), defineAlgorithm('brotliCompress')],
      include: /\.(js|css|html|svg|json)$/,
      threshold: 0,
      deleteOriginalAssets: false,
    }),
  ],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
