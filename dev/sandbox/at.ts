/** `items[index]`, for indexes known to be in range; throws instead of yielding undefined. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined)
    throw new Error(`Index ${index} is out of range (length ${items.length}).`);
  return item;
}
