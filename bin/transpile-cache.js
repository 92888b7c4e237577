// Loads the TypeScript sources of a checkout: each file is transpiled once (TypeScript's transpileModule,
// the tsconfig's options, no type check, as `ts-node --transpile-only` does) and read back from a cache
// keyed by its content after that. Transpiling every file on every run cost seconds per command.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const TSCONFIG = path.join(ROOT, "tsconfig.json");
const CACHE = path.join(ROOT, ".cache", "transpiled");

/** What the output depends on besides the file: the compiler's version and the tsconfig. */
function configKey() {
  const version = require("typescript/package.json").version;
  return `${version}\0${fs.readFileSync(TSCONFIG, "utf8")}`;
}

let compiler;
function transpile(code, filename) {
  if (!compiler) {
    const ts = require("typescript");
    const config = ts.readConfigFile(TSCONFIG, ts.sys.readFile).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, TSCONFIG);
    // No source map: Node's support for them would also read every map the dependencies ship, at each
    // start (a fifth of a second); a stack trace names the .ts file and the line of the transpiled code.
    compiler = { ts, options: { ...options, sourceMap: false, declaration: false } };
  }
  return compiler.ts.transpileModule(code, { fileName: filename, compilerOptions: compiler.options })
    .outputText;
}

function register() {
  const key = configKey();
  require.extensions[".ts"] = (module, filename) => {
    const code = fs.readFileSync(filename, "utf8");
    const hash = crypto
      .createHash("sha256")
      .update(key)
      .update("\0")
      .update(filename)
      .update("\0")
      .update(code);
    const cached = path.join(CACHE, `${hash.digest("hex").slice(0, 40)}.js`);
    let output;
    try {
      output = fs.readFileSync(cached, "utf8");
    } catch {
      output = transpile(code, filename);
      try {
        // Written aside then renamed: a concurrent run reads a whole file or none.
        fs.mkdirSync(CACHE, { recursive: true });
        const partial = `${cached}.${process.pid}`;
        fs.writeFileSync(partial, output);
        fs.renameSync(partial, cached);
      } catch {
        // A read-only checkout still runs, transpiling each time.
      }
    }
    module._compile(output, filename);
  };
}

module.exports = { register };
