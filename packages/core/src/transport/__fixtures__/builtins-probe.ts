// Run in a fresh `node --import tsx` by node-sender.test.ts: builds the Node sender, then sends one
// request to each URL given in argv, and prints which of Node's network builtins were loaded after
// the build and after each request (one JSON line).
import { AttemptSignal } from '../attempt-signal.js';
import { createNodeSender } from '../node-sender.js';
import { fromUrl } from '../request-url.js';

// Node's list of the builtins it loaded so far (undocumented, absent from @types/node).
const { moduleLoadList } = process as unknown as { moduleLoadList: string[] };
const loaded = () =>
  ['http', 'https', 'tls', 'zlib'].filter((name) => moduleLoadList.includes(`NativeModule ${name}`));

const steps: string[][] = [];
const send = createNodeSender();
steps.push(loaded());
for (const url of process.argv.slice(2)) {
  const response = await send({
    url: fromUrl(new URL(url)),
    method: 'GET',
    headers: {},
    body: undefined,
    signal: new AttemptSignal(),
  });
  const chunks: Uint8Array[] = [];
  await response.body?.read((chunk) => {
    chunks.push(chunk);
    return true;
  });
  steps.push([...loaded(), `body:${Buffer.concat(chunks).toString()}`]);
}
console.log(JSON.stringify(steps));
