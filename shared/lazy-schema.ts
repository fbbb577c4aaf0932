// A zod schema built on first use instead of at import. zod 4 gives every schema instance its own set
// of methods, so building the whole API contract at import cost a CLI command ~40 ms before it did
// anything; built lazily, `hookscope stats` builds the one input schema it validates. The returned
// value stands in for the schema everywhere (parse, .optional(), instanceof, nesting in another
// schema) and has exactly its type, so the contract stays written once, as plain zod.

/** `build` runs once, on the first access to the schema; until then nothing is allocated. */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The target is a plain empty object, so the proxy invariants hold for whatever the schema reports.
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
