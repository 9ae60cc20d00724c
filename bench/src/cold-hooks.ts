// Module hooks of the ky probe's node_modules runs (`module.register`, Node 20.6+; they run on the
// loader's own thread): record the URL of every module loaded and hand the list over on request,
// so the run can tell whether ky was loaded. Only the probe registers them: the timed runs load
// without hooks, whose round trip per module would add ~50 % to the import time.
import type { InitializeHook, LoadHook } from 'node:module';
import type { MessagePort } from 'node:worker_threads';
import type { HooksReply, HooksRequest } from './cold-protocol.js';

const loaded: string[] = [];

export const initialize: InitializeHook<{ port: MessagePort }> = ({ port }) => {
  port.on('message', (request: HooksRequest) => {
    if (request.type === 'loaded')
      port.postMessage({ type: 'loaded', urls: [...loaded] } satisfies HooksReply);
  });
  // The port must not keep the process alive after the loader is done.
  port.unref();
};

export const load: LoadHook = async (url, context, nextLoad) => {
  // A TypeScript source here would be the workspace's package, not the installed one.
  if (url.endsWith('.ts'))
    throw new Error(`cold-start hooks: ${url} is a workspace source, not the installed package`);
  loaded.push(url);
  return nextLoad(url, context);
};
