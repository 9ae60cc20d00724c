import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mediaTypeFromName, usualExtension } from './media-types.js';

describe('mediaTypeFromName', () => {
  it('guesses from the extension of a URL path or a name, whatever its case', () => {
    expect(mediaTypeFromName('https://x/y/photo.PNG')).toBe('image/png');
    expect(mediaTypeFromName('https://x/y/report.docx?sig=a.png#b.gif')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(mediaTypeFromName('uploads/a.mp4')).toBe('video/mp4');
    expect(mediaTypeFromName('https://x/noext')).toBeUndefined();
    expect(mediaTypeFromName('archive.tar.zst')).toBeUndefined();
  });

  it('names a media type or nothing, whatever the name (fast-check)', () =>
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), (name) => {
        const type = mediaTypeFromName(name);
        if (type !== undefined) expect(type).toMatch(/^[a-z]+\/[\w.+-]+$/);
      }),
    ));
});

describe('usualExtension', () => {
  it('gives the first extension of a type, and a name with it reads back as that type', () => {
    expect(usualExtension('image/jpeg')).toBe('jpg');
    expect(usualExtension('audio/mpeg')).toBe('mp3');
    expect(usualExtension('application/x-unknown')).toBeUndefined();
    for (const type of ['image/png', 'image/svg+xml', 'text/plain', 'video/quicktime', 'application/msword'])
      expect(mediaTypeFromName(`file.${usualExtension(type)}`)).toBe(type);
  });
});
