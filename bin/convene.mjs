#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx convene ...` works from a checkout or an install.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
