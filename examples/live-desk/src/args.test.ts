import { describe, expect, it } from 'vitest';
import { parseDeskArgs } from './args.js';

describe('parseDeskArgs', () => {
  it('reads every flag, as `--flag value` and as `--flag=value`', () => {
    expect(parseDeskArgs([])).toEqual({ replicas: 1 });
    expect(
      parseDeskArgs([
        '--provider',
        'sunshine',
        '--replicas=2',
        '--seconds',
        '30',
        '--poll-ms=250',
        '--port',
        '0',
      ]),
    ).toEqual({ provider: 'sunshine', replicas: 2, seconds: 30, pollIntervalMs: 250, port: 0 });
  });

  it('refuses an unknown flag or a bad value, naming the flag', () => {
    expect(() => parseDeskArgs(['--replica', '2'])).toThrow(/unknown argument --replica/);
    expect(() => parseDeskArgs(['--replicas', '0'])).toThrow(/--replicas must be a whole number from 1 to 8/);
    expect(() => parseDeskArgs(['--replicas'])).toThrow(/--replicas must be/);
    expect(() => parseDeskArgs(['--poll-ms', '50'])).toThrow(/--poll-ms must be a whole number from 100/);
    expect(() => parseDeskArgs(['--seconds', '1.5'])).toThrow(/--seconds must be/);
    expect(() => parseDeskArgs(['--provider='])).toThrow(/--provider needs a name/);
  });
});
