#!/usr/bin/env node
/** Kept for scripts that run dist/cli.js; the command line is cli/main.ts. */
require("./cli/main").runCommandLine();
