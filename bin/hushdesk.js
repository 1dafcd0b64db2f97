#!/usr/bin/env node
'use strict';
// The CLI runs the compiled backend (npm run build:main, which `npm install` runs via `prepare`).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'main', 'main', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('hushdesk: not built yet; run `npm run build:main` first\n');
  process.exit(1);
}
const { main, processIo } = require(entry);
main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
