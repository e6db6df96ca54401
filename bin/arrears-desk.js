#!/usr/bin/env node
"use strict";
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "build", "cli", "main.js");
if (!fs.existsSync(entry)) {
  console.error("arrears-desk: not built yet. Run `npm run build:cli` (or `npm run demo`) first.");
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
