/** A one-line progress bar on stderr (redrawn in place on a terminal, every 10% otherwise). */
export function progressBar(label: string, total: number): { tick(done: number): void; end(): void } {
  const tty = process.stderr.isTTY;
  let lastShown = -1;
  const draw = (done: number) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    const line = `${label.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (Math.floor(ratio * 10) !== lastShown) process.stderr.write(`${line}\n`);
    lastShown = Math.floor(ratio * 10);
  };
  draw(0);
  return {
    tick: draw,
    end() {
      draw(total);
      if (tty) process.stderr.write('\n');
    },
  };
}
