// The contract between the domain and everything else (wizard, storage, export).
// src/report imports nothing from React, Dexie or the DOM: keep it that way.
// Reading and writing the JSON form (zod) is in './json', imported only where a file is
// read or written, so the first screen's bundle does not carry zod.
export * from './format';
export * from './cells';
export * from './model';
export * from './numbers';
export * from './rules';
export { type TextRuleCache, createTextRuleCache } from './text';
export { quoted } from './text/sentences';
// The table layout (tableLayout.ts) and the title's lines (title.ts) are imported from their
// own modules by the renderers that need them: computed at module load, they would otherwise
// weigh on the first screen's bundle.
