// Where a body stops being JSON: the first offending character, found by a strict RFC 8259 scan, so
// the UI can say "not valid JSON at byte N" instead of quietly dropping the JSON view. JSON.parse
// decides validity; its messages differ across engines and some carry no position, hence this scan.
// Iterative (an explicit stack), so a hostile 100,000-deep body cannot overflow it.

export interface JsonErrorPlace {
  /** UTF-16 index into the text of the first character that cannot be JSON (text.length: it ended early). */
  index: number;
  /** What was expected there, in words. */
  expected: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*/y;

/** The first place `text` breaks the JSON grammar, or null when it is valid JSON. */
export function findJsonError(text: string): JsonErrorPlace | null {
  let i = 0;
  // What the container on top of the stack waits for after a value: ',' or its closer.
  const stack: Array<'}' | ']'> = [];
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const fail = (expected: string): JsonErrorPlace => ({ index: i, expected });
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    STRING_BODY.lastIndex = i + 1;
    STRING_BODY.exec(text);
    i = STRING_BODY.lastIndex;
    if (text[i] !== '"') return false;
    i++;
    return true;
  };

  // Each turn reads one value (opening a container counts as starting one), then what may follow it.
  for (;;) {
    skip();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skip();
      const closer = c === '{' ? '}' : ']';
      if (text[i] === closer) {
        i++;
      } else {
        stack.push(closer);
        if (closer === '}') {
          if (!string()) return fail('a property name in double quotes');
          skip();
          if (text[i] !== ':') return fail("':' after the property name");
          i++;
        }
        continue;
      }
    } else if (c === '"') {
      if (!string()) return fail('a closing double quote (control characters and bad escapes are not allowed in strings)');
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0].length === 0 || m[0] === '-') return fail('a value (object, array, string, number, true, false or null)');
      i += m[0].length;
    }
    // After a value: close containers, or a comma starts the next entry.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (!top) return i === text.length ? null : fail('the end of the text after the value');
      if (text[i] === top) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return fail(`',' or '${top}'`);
      i++;
      if (top === '}') {
        skip();
        if (!string()) return fail('a property name in double quotes');
        skip();
        if (text[i] !== ':') return fail("':' after the property name");
        i++;
      }
      break;
    }
  }
}

/** UTF-8 bytes before `index`: the position the byte-exact views (hex, the download) agree with. */
export function byteOffset(text: string, index: number): number {
  return new TextEncoder().encode(text.slice(0, index)).length;
}
