/// <reference types="vitest/config" />
import { type Plugin, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

/**
 * Marks the chunks of an open report for eager compilation (V8's explicit compile hints, issue 12):
 * they are fetched while the home screen is idle, and without the hint V8 compiled each function
 * of the wizard on its first call, inside the clerk's first click on a report (~50 ms of it).
 */
function compileHints(names: readonly string[]): Plugin {
  return {
    name: 'nianbao:compile-hints',
    apply: 'build',
    enforce: 'post',
    // After minification, which drops comments; the hint is fixed, so the file names stay honest.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && names.includes(chunk.name))
            chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        }
      },
    },
  };
}

export default defineConfig({
  // Relative base so the built app also runs from a sub-folder or file share.
  base: './',
  // Written into exported files as `generator`.
  define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(pkg.version) },
  plugins: [
    react(),
    compileHints(['ReportPage', 'store']),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['report.schema.json', 'favicon.svg', 'favicon.png'],
      manifest: {
        name: '年报 · 政府信息公开工作年度报告',
        short_name: '年报',
        lang: 'zh-CN',
        start_url: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#9b1c1c',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json}'],
        navigateFallback: 'index.html',
        // A tab opened before the service worker was installed is not controlled by it; without
        // claiming it, 「立即更新」 in that tab would activate the new version and never reload.
        clientsClaim: true,
      },
    }),
  ],
  preview: { port: 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['tests/setup.ts'],
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Component tests render table 三's 200 cells in jsdom: a few hundred ms idle, many
    // seconds on a busy 2-core machine. The default 5 s left no margin there.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
