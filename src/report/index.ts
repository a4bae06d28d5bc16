// The contract between the domain and everything else (wizard, storage, export).
// src/report imports nothing from React, Dexie or the DOM: keep it that way.
export * from './format';
export * from './cells';
export * from './model';
export * from './numbers';
export * from './schema';
export * from './json';
export * from './rules';
