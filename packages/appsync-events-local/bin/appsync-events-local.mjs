#!/usr/bin/env node
// The package ships TypeScript sources: tsx's loader lets Node run them as they are.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/cli.ts');
