// Keeps V8's compiled code of the dependencies between runs (Node 22's module.enableCompileCache, for
// Node 20): loading @pulumi/pulumi compiles some 800 modules at each start, half a second of a `plan`.
// Each module's cache is keyed by its path and content; V8 checks the data and rejects a stale one.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

const CACHE = path.join(__dirname, "..", ".cache", "v8");
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** `require` as Node gives it to a module. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function register() {
  const compile = Module.prototype._compile;
  const fresh = [];
  Module.prototype._compile = function (content, filename) {
    // Only the dependencies: our own sources change often. A script compiled here has no loader for a
    // dynamic import() (Node's USE_MAIN_CONTEXT_DEFAULT_LOADER fails once the code is cached), so a
    // module that may call one is left to Node.
    if (!filename.includes(NODE_MODULES) || /\bimport\(/.test(content)) {
      return compile.call(this, content, filename);
    }
    const key = crypto.createHash("sha1").update(filename).update("\0").update(content).digest("hex");
    const file = path.join(CACHE, `${key}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    const wrapper = script.runInThisContext({ displayErrors: true });
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ script, file });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  // Written at exit, so the data also holds the functions compiled while the program ran.
  process.once("exit", () => {
    try {
      if (fresh.length > 0) fs.mkdirSync(CACHE, { recursive: true });
      for (const { script, file } of fresh) {
        const partial = `${file}.${process.pid}`;
        fs.writeFileSync(partial, script.createCachedData());
        fs.renameSync(partial, file);
      }
    } catch {
      // A read-only checkout still runs, compiling each time.
    }
  });
}

module.exports = { register };
