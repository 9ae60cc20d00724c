import { describe, expect, it } from 'vitest';
import { startEmulator } from '../index.js';
import { list, obj, sc } from '../testing/http-helpers.js';

describe('sunshinePowerUserConversations', () => {
  it('gives the power user that many conversations, paged in order with no repeat', async () => {
    const emu = await startEmulator({ seed: 7, conversations: 12, sunshinePowerUserConversations: 2_500 });
    try {
      expect(emu.facts.sunshine.powerUser.conversationCount).toBe(2_500);
      const ids: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const query = `filter[userExternalId]=parley-power-user&page[size]=100${after ? `&page[after]=${after}` : ''}`;
        const body = obj((await sc(emu, 'GET', `/conversations?${query}`)).body);
        ids.push(...list(body.conversations).map((c) => String(c.id)));
        const meta = obj(body.meta);
        after = meta.hasMore ? String(meta.afterCursor) : undefined;
        pages++;
      } while (after);
      expect(pages).toBe(25);
      expect(new Set(ids).size).toBe(2_500);
      // Ids start with the creation second, so creation order is id order here.
      expect([...ids].sort()).toEqual(ids);
      const before = obj(
        (
          await sc(
            emu,
            'GET',
            `/conversations?filter[userExternalId]=parley-power-user&page[before]=${ids[1_800]}&page[size]=10`,
          )
        ).body,
      );
      expect(list(before.conversations).map((c) => c.id)).toEqual(ids.slice(1_790, 1_800));
      // A deleted conversation's id is no longer a cursor; its neighbours still are.
      const gone = ids[1_200] as string;
      expect((await sc(emu, 'DELETE', `/conversations/${gone}`)).status).toBe(200);
      const query = (cursor: string) =>
        `/conversations?filter[userExternalId]=parley-power-user&page[size]=2&page[after]=${cursor}`;
      expect((await sc(emu, 'GET', query(gone))).status).toBe(400);
      const next = obj((await sc(emu, 'GET', query(ids[1_199] as string))).body);
      expect(list(next.conversations).map((c) => c.id)).toEqual([ids[1_201], ids[1_202]]);
    } finally {
      await emu.close();
    }
  });

  it('defaults to 260 and refuses a negative or fractional count', async () => {
    await expect(startEmulator({ sunshinePowerUserConversations: -1 })).rejects.toThrow(RangeError);
    await expect(startEmulator({ sunshinePowerUserConversations: 1.5 })).rejects.toThrow(RangeError);
    const emu = await startEmulator({ seed: 7 });
    try {
      expect(emu.facts.sunshine.powerUser.conversationCount).toBe(260);
    } finally {
      await emu.close();
    }
  });
});
