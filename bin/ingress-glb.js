#!/usr/bin/env node
// Runs the CLI from source in a checkout (no build step after `npm ci`), from dist/ when published.
const path = require("path");
const fs = require("fs");
const source = path.join(__dirname, "..", "lib", "cli.ts");
if (fs.existsSync(source)) {
  require("./code-cache").register();
  require("./lazy-typescript").register();
  require("./transpile-cache").register();
  require(source).main(process.argv.slice(2));
} else {
  require(path.join(__dirname, "..", "dist", "lib", "cli.js")).main(process.argv.slice(2));
}
