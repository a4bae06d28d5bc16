// @vitest-environment node
// public/report.schema.json is generated from the zod schema. Regenerate with
// `npm run schema` after changing the declaration; this test fails while it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { publishedJsonSchema } from '../../src/report/json';

const file = resolve(__dirname, '../../public/report.schema.json');

it('public/report.schema.json matches the zod schema', () => {
  const expected = `${JSON.stringify(publishedJsonSchema(), null, 2)}\n`;
  if (process.env.WRITE_SCHEMA) writeFileSync(file, expected);
  expect(readFileSync(file, 'utf8'), 'stale: run `npm run schema`').toBe(expected);
});
