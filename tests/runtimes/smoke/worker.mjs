// The smoke as a Cloudflare Worker: GET /ready answers at once (the runner polls it until workerd
// listens), GET /run runs the smoke with the parameters of the SMOKE_PARAMS json binding.
import { describeError, runSmoke } from './smoke.mjs';

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname !== '/run') return new Response('ready');
    try {
      return Response.json({ ok: true, summary: await runSmoke(env.SMOKE_PARAMS) });
    } catch (error) {
      return Response.json({ ok: false, error: describeError(error) }, { status: 500 });
    }
  },
};
