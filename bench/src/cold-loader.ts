// One cold-start sample, in a fresh `node`: times the import of an entry that builds a client.
// argv: <entry file | official-node-modules> <time | probe> [hooks file]. With a hooks file
// (cold-hooks.ts, probe runs from node_modules only) every loaded module is recorded. In probe mode
// the client then sends one request (to the parent's stub server, BENCH_BASE_URL) and the sample
// says whether ky was loaded after the build and after that request.
import { writeSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import {
  type ColdSample,
  type HooksReply,
  type HooksRequest,
  isKyUrl,
  KY_MARKER,
  type KyProbe,
} from './cold-protocol.js';

/** The part of a Parley client the probe uses. */
interface ProbeClient {
  conversations: { get(id: string): Promise<unknown> };
}

const [target = '', mode = 'time', hooks] = process.argv.slice(2);

let port: MessagePort | undefined;
if (hooks !== undefined) {
  const channel = new MessageChannel();
  register(pathToFileURL(hooks), { data: { port: channel.port2 }, transferList: [channel.port2] });
  port = channel.port1;
}

/** The official client from node_modules, the way its CommonJS users load it. */
function buildOfficial(): unknown {
  const sc = createRequire(import.meta.url)(
    'sunshine-conversations-client',
  ) as typeof import('sunshine-conversations-client');
  const api = new sc.ApiClient();
  api.basePath = 'https://acme.zendesk.com/sc';
  api.authentications.basicAuth.username = 'app_key';
  api.authentications.basicAuth.password = 'cold-start-secret';
  return new sc.ConversationsApi(api);
}

const started = performance.now();
const client =
  target === 'official-node-modules'
    ? buildOfficial()
    : ((await import(pathToFileURL(target).href)) as { client: unknown }).client;
const importAndBuildMs = performance.now() - started;

/** The URLs of the modules loaded so far, from the hooks (undefined without hooks). */
function loadedModules(): Promise<string[] | undefined> {
  const hooksPort = port;
  if (hooksPort === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    hooksPort.once('message', (reply: HooksReply) => resolve(reply.urls));
    hooksPort.postMessage({ type: 'loaded' } satisfies HooksRequest);
  });
}

/** ky counts as loaded when the hooks saw one of its files, or a bundle's marker line ran. */
async function kyState(): Promise<{ ky: boolean; modules: number | undefined }> {
  const urls = await loadedModules();
  const marker = (globalThis as Record<string, unknown>)[KY_MARKER] === true;
  return { ky: marker || (urls?.some(isKyUrl) ?? false), modules: urls?.length };
}

const sample: ColdSample = { importAndBuildMs };
if (mode === 'probe') {
  const afterBuild = await kyState();
  let requestOutcome = 'answered';
  try {
    await (client as ProbeClient).conversations.get('cold-probe');
  } catch (error) {
    requestOutcome = (error as { code?: string }).code ?? String(error);
  }
  const afterRequest = await kyState();
  const probe: KyProbe = {
    kyAfterBuild: afterBuild.ky,
    kyAfterRequest: afterRequest.ky,
    requestOutcome,
    ...(afterBuild.modules === undefined ? {} : { modulesAfterBuild: afterBuild.modules }),
  };
  sample.probe = probe;
}
writeSync(1, JSON.stringify(sample));
// Keep-alive sockets of the probe's client would hold the process open.
process.exit(0);
