import { createServer } from 'node:http';
import { toNodeListener } from '@parley/core';
import worker from './worker.js';
const env = { ...(process.env as Record<string, string>) } as never;
createServer(toNodeListener((request) => worker.fetch(request, env))).listen(3000);
