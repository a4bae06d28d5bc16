// Where a JSON text first breaks. JSON.parse's messages differ between engines (Node 20
// gives no position at all), so the clerk's "line N column M" comes from this scanner,
// which is only run after JSON.parse has already refused the text.

export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  /** The text ended before the JSON did (truncated file). */
  atEnd: boolean;
  /** What was expected there, in Chinese. */
  expected: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}

export function locateJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail: (expected: string) => never = (expected) => {
    throw new Stop(i, expected);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`应为 ${word}`);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('字符串缺少结尾的引号');
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') fail('字符串中不能直接换行或含控制字符');
      if (ch === '\\') {
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
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '') return fail('应为数字');
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === undefined) fail('应为一个值');
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('应为带双引号的字段名');
        string();
        ws();
        if (text[i] !== ':') fail('字段名后应为冒号 :');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail('应为逗号 , 或右花括号 }');
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail('应为逗号 , 或右方括号 ]');
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch >= '0' && ch <= '9')) return number();
    fail('应为一个值（数字、文本、对象、数组、true、false 或 null）');
  };
  try {
    value();
    ws();
    if (i < text.length) fail('JSON 已结束，后面还有多余内容');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.offset);
    const lines = before.split('\n');
    return {
      offset: e.offset,
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
      atEnd: e.offset >= text.length,
      expected: e.expected,
    };
  }
}
