/**
 * Loaded before Prism (first import of startMock.ts): makes Prism's `require('@faker-js/faker')`
 * free until an answer is actually generated. Faker with all its locales is about two thirds of
 * Prism's import time, and only dynamic answers (`--dynamic`, `Prefer: dynamic=true`) use it.
 *
 * Prism's generator module requires faker at load time and hands json-schema-faker a function
 * that reads `faker.default` at once; both get stand-ins that load the real faker on first use.
 * Node's module cache is the documented seam for this; if anything about it differs, nothing is
 * replaced and faker loads eagerly as before.
 */
import { createRequire, Module } from 'node:module';

type Loaded = Record<PropertyKey, unknown>;

function installLazyFaker(): void {
  const prismRequire = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http/dist/mocker/generator/JSONSchema.js'));
  const fakerPath = prismRequire.resolve('@faker-js/faker');
  if (prismRequire.cache[fakerPath]) return;
  let real: Loaded | undefined;
  const load = (): Loaded => {
    if (!real) {
      delete prismRequire.cache[fakerPath];
      real = prismRequire(fakerPath) as Loaded;
    }
    return real;
  };
  // Methods are bound to the real object, so they run on it whoever calls them.
  const deferTo = (target: () => object): object =>
    new Proxy({}, {
      get: (_, key) => {
        const value = Reflect.get(target(), key) as unknown;
        return typeof value === 'function' ? value.bind(target()) : value;
      },
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    });
  const fakerInstance = deferTo(() => load().default as object);
  const stand = new Module(fakerPath);
  stand.filename = fakerPath;
  stand.loaded = true;
  stand.exports = new Proxy({}, {
    get: (_, key) => (key === 'default' || key === 'faker' ? fakerInstance : Reflect.get(load(), key)),
    has: (_, key) => Reflect.has(load(), key),
  });
  prismRequire.cache[fakerPath] = stand;
}

try {
  installLazyFaker();
} catch {
  // faker loads eagerly, as without this module
}
