// The contract between the domain and everything else (wizard, storage, export).
// src/report imports nothing from React, Dexie or the DOM: keep it that way.
// Reading and writing the JSON form (zod) is in './json', imported only where a file is
// read or written, so the first screen's bundle does not carry zod.
export * from './format';
export * from './cells';
export * from './model';
export * from './numbers';
export * from './rules';
// The table layout and the title's lines. Re-exported here because the Word export imports
// them from this barrel; the bundler then keeps them in the first-load chunk (+1.6 KB gzip)
// even though only lazy chunks use them. Importing them from './tableLayout' and './title'
// everywhere and dropping these two lines takes that back off.
export * from './tableLayout';
export * from './title';
