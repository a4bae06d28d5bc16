// One forward pass over a JSON text, before JSON.parse sees it: where the syntax first
// breaks (JSON.parse's messages differ between engines, and Node 20 gives no position), a key
// given twice in one object (JSON.parse silently keeps the last: `status` "final" then
// "draft"), and nesting deeper than any report. Iterative, with an explicit stack: 100,000
// nested `[` must not overflow the call stack.

interface JsonPosition {
  offset: number;
  line: number;
  column: number;
}

interface JsonSyntaxError extends JsonPosition {
  /** The text ended before the JSON did (truncated file). */
  atEnd: boolean;
  /** What was expected there, in Chinese. */
  expected: string;
}

export type JsonScanProblem =
  | ({ kind: 'syntax' } & JsonSyntaxError)
  | ({ kind: 'duplicate'; key: string; path: string } & JsonPosition)
  | ({ kind: 'depth'; max: number } & JsonPosition);

/** A report nests five levels (requests.withheld.stateSecret.natural); anything far deeper is not one. */
const MAX_JSON_DEPTH = 32;

class Stop {
  constructor(readonly problem: JsonScanProblem) {}
}

function position(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

interface Frame {
  kind: 'object' | 'array';
  /** Keys seen so far (objects). */
  keys?: Set<string>;
  /** Path segment of this container's current member. */
  member: string;
}

/**
 * For a text JSON.parse accepted (so its syntax is sound) and the value it gave: true when
 * scanJson would find nothing, i.e. no key twice in one object (JSON.parse keeps one of
 * them, so the text has fewer members in the value than in the text) and no nesting too deep.
 * 汇总 reads thousands of files, nearly all sound, and scanJson then runs only on the few that
 * are not.
 *
 * Outside strings, a valid JSON text holds a ':' for each member and nowhere else; inside
 * them, a literal ':' is one in the parsed string, and a parsed ':' is a literal one unless it
 * was written \u003a. So without "u003" in the text, its ':' count is the value's keys plus
 * the ':' in its keys and strings, exactly when no member was dropped: one native indexOf
 * scan of the text and a walk of the value, no loop over every character (that loop, in
 * `membersAndDepth`, reads the rare text with "u003").
 */
export function soundJson(text: string, value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  if (text.includes('u003')) return membersAndDepth(text, maxDepth) === keysAndColons(value, maxDepth, false);
  let colons = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) colons++;
  return colons === keysAndColons(value, maxDepth, true);
}

/** Members outside strings (a ':' each), or -1 past `maxDepth`: one pass that skips strings with indexOf. */
function membersAndDepth(text: string, maxDepth: number): number {
  let members = 0;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Below ':' come the commonest: spaces, line breaks, digits, commas, and '"'. One test for them.
    if (c < 0x3a) {
      if (c === 0x22) {
        // To the closing quote: one not escaped (preceded by an even run of backslashes).
        for (;;) {
          i = text.indexOf('"', i + 1);
          let k = i - 1;
          while (text.charCodeAt(k) === 0x5c) k--;
          if ((i - 1 - k) % 2 === 0) break;
        }
      }
    } else if (c === 0x3a) members++;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return -1;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return members;
}

const colonsIn = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
};

/**
 * Keys of every object in a parsed value, plus (`colons`) the ':' in its keys and strings;
 * -2 when it nests deeper than `maxDepth` (never equal to a count, nor to membersAndDepth's -1).
 */
function keysAndColons(v: unknown, maxDepth: number, colons: boolean): number {
  if (typeof v === 'string') return colons ? colonsIn(v) : 0;
  if (typeof v !== 'object' || v === null) return 0;
  if (maxDepth === 0) return -2;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) {
      // Only strings and containers count: a call per number cost more than the count.
      if (typeof x !== 'string' && (typeof x !== 'object' || x === null)) continue;
      const k = keysAndColons(x, maxDepth - 1, colons);
      if (k < 0) return k;
      n += k;
    }
    return n;
  }
  const keys = Object.keys(v);
  n = keys.length;
  for (const key of keys) {
    if (colons) n += colonsIn(key);
    const x = (v as Record<string, unknown>)[key];
    if (typeof x !== 'string' && (typeof x !== 'object' || x === null)) continue;
    const k = keysAndColons(x, maxDepth - 1, colons);
    if (k < 0) return k;
    n += k;
  }
  return n;
}

export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonScanProblem | null {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const fail: (expected: string) => never = (expected) => {
    throw new Stop({ kind: 'syntax', ...position(text, i), atEnd: i >= n, expected });
  };
  const string = (): string => {
    const start = ++i; // past the opening quote
    let plain = true;
    for (;;) {
      if (i >= n) fail('字符串缺少结尾的引号');
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        const raw = text.slice(start, i - 1);
        return plain ? raw : (JSON.parse(`"${raw}"`) as string);
      }
      if (ch < ' ') fail('字符串中不能直接换行或含控制字符');
      if (ch === '\\') {
        plain = false;
        i++;
        const e = text[i];
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('\\u 后应为四位十六进制数');
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('无效的转义字符');
      } else i++;
    }
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`应为 ${word}`);
      i++;
    }
  };
  const number = () => {
    const re = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0] === '' || m[0] === '-') return fail('应为数字');
    i += m[0].length;
  };
  const stack: Frame[] = [];
  const pathOf = (key: string) => [...stack.slice(0, -1).map((f) => f.member), key].join('.');

  /** Reads one value; containers push a frame and return, their members are read by the loop below. */
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === undefined) fail('应为一个值');
    if (ch === '{' || ch === '[') {
      if (stack.length >= maxDepth) throw new Stop({ kind: 'depth', max: maxDepth, ...position(text, i) });
      i++;
      stack.push(ch === '{' ? { kind: 'object', keys: new Set(), member: '' } : { kind: 'array', member: '-1' });
      return;
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
    else fail('应为一个值（数字、文本、对象、数组、true、false 或 null）');
  };

  /** The next member of the innermost container, or its end. Returns false when it closed. */
  const member = (first: boolean): boolean => {
    const top = stack[stack.length - 1]!;
    ws();
    const close = top.kind === 'object' ? '}' : ']';
    if (first && text[i] === close) {
      i++;
      return false;
    }
    if (!first) {
      if (text[i] === close) {
        i++;
        return false;
      }
      if (text[i] !== ',') fail(top.kind === 'object' ? '应为逗号 , 或右花括号 }' : '应为逗号 , 或右方括号 ]');
      i++;
      ws();
    }
    if (top.kind === 'object') {
      if (text[i] !== '"') fail('应为带双引号的字段名');
      const keyAt = i;
      const key = string();
      if (top.keys!.has(key)) throw new Stop({ kind: 'duplicate', key, path: pathOf(key), ...position(text, keyAt) });
      top.keys!.add(key);
      top.member = key;
      ws();
      if (text[i] !== ':') fail('字段名后应为冒号 :');
      i++;
    } else top.member = String(Number(top.member) + 1);
    return true;
  };

  try {
    value();
    // Each container: its members one by one; a nested container is pushed and read first.
    const started = new WeakSet<Frame>();
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const first = !started.has(top);
      started.add(top);
      if (member(first)) value();
      else stack.pop();
    }
    ws();
    if (i < n) fail('JSON 已结束，后面还有多余内容');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return e.problem;
  }
}
