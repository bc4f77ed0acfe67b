/** Reading a client secret from standard input: the first line, without its line end. */
import type { Readable } from 'node:stream';

/** Anything longer is not an Okta client secret (Okta's are 40–64 characters). */
const MAX_LINE = 4096;

export function readFirstLine(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (line: string) => {
      stream.off('data', onData).off('end', onEnd).off('error', reject);
      stream.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const newline = text.indexOf('\n');
      if (newline >= 0) done(text.slice(0, newline));
      else if (text.length > MAX_LINE) done(text);
    };
    const onEnd = () => done(text);
    stream.on('data', onData).on('end', onEnd).on('error', reject);
    stream.resume();
  });
}
