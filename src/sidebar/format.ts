/** Dates cross from the server as ISO strings; the sidebar shows them in the reader's locale. */
export function formatTime(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'unknown';
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Brex's trace id once: added only when the message does not already carry it. */
export function withTraceId(message: string, traceId: string | null): string {
  return traceId && !message.includes(traceId) ? `${message} (Brex trace ID ${traceId})` : message;
}
