#!/usr/bin/env node
// Thin launcher so `npx budget-lint` works from a clone; the CLI itself is bundled in dist/cli.js.
require('../dist/cli.js');
