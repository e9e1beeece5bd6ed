/**
 * Preview only: puts the sandbox's token into the sidebar's token field each time the Connect
 * form appears, so a newcomer connects with one click. A field once filled is left alone, so
 * after a failed attempt (the sidebar empties the field) a person's own typing stays theirs.
 */
export function prefillToken(document: Document, token: string): void {
  const filled = new WeakSet<HTMLInputElement>();
  const fill = () => {
    for (const input of document.querySelectorAll<HTMLInputElement>('input[type="password"]')) {
      if (filled.has(input)) continue;
      filled.add(input);
      if (input.value === '') {
        input.value = token;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  };
  new MutationObserver(fill).observe(document, { childList: true, subtree: true });
}
