// Decoding an input file: the text a fatal UTF-8 TextDecoder gives (a byte order mark dropped),
// and an error for every byte string it refuses.
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/cli/read-file.js';

/** What the decoder of the WHATWG Encoding standard makes of `bytes`, or undefined when it refuses them. */
function reference(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decoded(bytes: Buffer): string | undefined {
  try {
    return decodeUtf8(bytes, 'f.yaml');
  } catch (error) {
    expect(String(error)).toMatch(/f\.yaml:\d+: not valid UTF-8 \(byte \d+\); save the file as UTF-8/);
    return undefined;
  }
}

/** Bytes around every boundary of UTF-8: ASCII, continuations, leads, overlongs, surrogates, past U+10FFFF. */
const BYTES = [0x00, 0x0a, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbb, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];

describe('decodeUtf8', () => {
  it('gives what a fatal TextDecoder gives, and refuses what it refuses', () => {
    const cases = [
      Buffer.from('plain\n'),
      Buffer.from('\ufeffwith a byte order mark\n'),
      Buffer.from('\ufeff\ufeffonly the first mark goes'),
      Buffer.from('Größe ✓ 𝄞'),
      Buffer.from([0xed, 0xa0, 0x80]), // a surrogate
      Buffer.from([0xc0, 0xaf]), // overlong
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF
      Buffer.from([0xe2, 0x9c]), // cut short
      Buffer.alloc(0),
    ];
    let seed = 13;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) cases.push(Buffer.from(Array.from({ length: 1 + (next() % 8) }, () => BYTES[next() % BYTES.length] as number)));
    let refused = 0;
    for (const bytes of cases) {
      const want = reference(bytes);
      if (want === undefined) refused++;
      expect(decoded(bytes), bytes.toString('hex')).toBe(want);
    }
    expect(refused).toBeGreaterThan(1000);
    expect(refused).toBeLessThan(cases.length - 1000);
  });
});
