/**
 * Watches the sidebar's progress bar and the line under it through a refresh, and checks what a
 * person sees: the bar starts at 0, never steps back, moves per page and ends at 1; the line names
 * the data set being read and counts the finished ones as they finish, not only between calls.
 * Labels and fractions, never timings.
 */
import type { Frame } from 'playwright-core';

export interface ProgressSample {
  readonly value: number;
  readonly label: string;
}

/** Starts recording every change of the bar and its label in the sidebar's frame. */
export async function watchProgress(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const samples: { value: number; label: string }[] = [];
    (window as unknown as { samples: typeof samples }).samples = samples;
    new MutationObserver(() => {
      const bar = document.querySelector('progress');
      if (!bar) return;
      const label = bar.nextElementSibling?.textContent ?? '';
      const last = samples[samples.length - 1];
      if (!last || last.value !== bar.value || last.label !== label) {
        samples.push({ value: bar.value, label });
      }
    }).observe(document.body, {
      attributes: true,
      characterData: true,
      childList: true,
      subtree: true,
    });
  });
}

export async function progressSamples(frame: Frame): Promise<ProgressSample[]> {
  return frame.evaluate(() => (window as unknown as { samples: ProgressSample[] }).samples);
}

/** The finished count and the data set a label names: "3 of 14 data sets done. Users: page 2…". */
export function parseLabel(
  label: string,
): { done: number; of: number; current: string | null } | null {
  const match = /^(\d+) of (\d+) data sets done\.(?: ([^:]+): (?:page \d+|starting))?/.exec(label);
  if (!match) return null;
  return { done: Number(match[1]), of: Number(match[2]), current: match[3] ?? null };
}

/** The data sets' titles in the order a refresh reads them: the order the sidebar lists them. */
export async function refreshOrder(frame: Frame): Promise<string[]> {
  return frame.$$eval('details fieldset label', (labels) => labels.map((l) => l.textContent ?? ''));
}

/**
 * `order`: the chosen data sets' titles in refresh order. `finished`: the refresh ended, so the
 * bar must stand at 1; else it is still under way.
 */
export function expectHonestProgress(
  samples: readonly ProgressSample[],
  order: readonly string[],
  finished = true,
): void {
  const values = samples.map((s) => s.value);
  expect(values[0]).toBe(0);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  expect(values.some((v) => v > 0 && v < 1)).toBe(true);
  expect(values[values.length - 1] === 1).toBe(finished);

  const labels = samples.map((s) => parseLabel(s.label)).filter((l) => l !== null);
  // The finished count never goes back, and counts every data set before the one being read:
  // those finished within this call too, not only those a call's summary reported.
  const done = labels.map((l) => l.done);
  expect(done).toEqual([...done].sort((a, b) => a - b));
  const reading = labels.filter((l) => l.current !== null);
  expect(reading.map((l) => [l.current, l.done])).toEqual(
    reading.map((l) => [l.current, order.indexOf(l.current as string)]),
  );
  // A data set the label has left behind is never named as the one being read again.
  const named = reading.map((l) => l.current);
  const runs = named.filter((name, i) => i === 0 || named[i - 1] !== name);
  expect(runs).toEqual([...new Set(runs)]);
  // How many data sets a poll catches while being read depends on the machine's speed: the small
  // lists often finish between two polls. At least the long one is seen being read.
  expect(runs.length).toBeGreaterThanOrEqual(1);
}
