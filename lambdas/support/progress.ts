/** A one-line progress bar on stderr, drawn only on an interactive terminal. */
import type { Output } from './context.js';

export interface Progress {
  update(done: number): void;
  finish(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

export function progressBar(out: Output, label: string, total: number): Progress {
  if (!out.isTTY || total === 0) return { update: () => undefined, finish: () => undefined };
  let last = 0;
  const draw = (done: number) => {
    const filled = Math.round((done / total) * WIDTH);
    out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`);
  };
  return {
    update(done) {
      const now = Date.now();
      if (done < total && now - last < REDRAW_MS) return;
      last = now;
      draw(done);
    },
    // Clears the bar so the summary (and any error line) starts on a clean line.
    finish: () => out.write('\r\x1b[2K'),
  };
}
