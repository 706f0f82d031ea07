import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { CliFailure } from './context.js';

/**
 * Reading one input file so that no file can hang, crash or silently change the run: FIFOs and
 * devices are refused (reading one would wait for ever), bytes that are not UTF-8 are an error
 * with their line (not U+FFFD in the output), and every failure is one line naming the file.
 */

/** Larger files would not fit in one JavaScript string once decoded. */
const MAX_BYTES = 256 * 1024 * 1024;

// Synchronous file calls: a run reads hundreds of files, and the promises of stat and readFile took
// more CPU than the calls themselves.
export async function readCrdFile(path: string, shown: string): Promise<string> {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    throw readFailure(shown, error);
  }
  if (info.isDirectory()) throw new CliFailure(`${shown}: is a folder (name it as an input to read the CRD files below it)`);
  if (!info.isFile()) throw new CliFailure(`${shown}: not a regular file (a FIFO, socket or device); crdgen reads files, folders, - and URLs`);
  if (info.size > MAX_BYTES) throw new CliFailure(`${shown}: ${Math.round(info.size / 1024 / 1024)} MB is more than crdgen reads (256 MB); split the file`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw readFailure(shown, error);
  }
  return decodeUtf8(bytes, shown);
}

export function readFailure(shown: string, error: unknown): CliFailure {
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ELOOP: 'a symbolic link loop',
    ENOENT: 'no such file (a broken symbolic link?)',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a folder',
  };
  return new CliFailure(`${shown}: cannot read it: ${(code && why[code]) ?? code ?? String(error)}`);
}

/**
 * UTF-8 text (a byte order mark dropped); invalid bytes are an error naming their line. Checked
 * with isUtf8 and decoded by the buffer: what a fatal TextDecoder accepts and gives, for less CPU.
 */
export function decodeUtf8(bytes: Buffer, shown: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8', bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  const offset = firstInvalidByte(bytes);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  throw new CliFailure(`${shown}:${line}: not valid UTF-8 (byte ${offset}); save the file as UTF-8`);
}

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return Math.min(i, bytes.length - 1);
}

/**
 * What a folder entry that is not a plain file or folder is: a symbolic link is followed (to a
 * file or a folder); a link that loops or points nowhere, and a FIFO named like a CRD file, fail.
 */
export async function followEntry(path: string, shown: string): Promise<{ kind: 'file' | 'dir' | 'other'; real: string }> {
  const info = await stat(path).catch((error: unknown) => {
    throw readFailure(shown, error);
  });
  const real = await realpath(path);
  return { kind: info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other', real };
}
