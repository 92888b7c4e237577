// The Pulumi SDK requires TypeScript (9 MB of JavaScript, a fifth of a second to load) when it starts,
// for serializing closures, which an offline plan never does: `require("typescript")` gets a stand-in
// that loads the real module on first use (as the transpile cache does on a miss).
"use strict";
const Module = require("module");

function register() {
  const file = require.resolve("typescript");
  if (Module._cache[file]) return;
  let real;
  const load = () => {
    if (!real) {
      delete Module._cache[file];
      real = require(file);
    }
    return real;
  };
  const standIn = new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  const module = new Module(file, null);
  module.filename = file;
  module.loaded = true;
  module.exports = standIn;
  Module._cache[file] = module;
}

module.exports = { register };
