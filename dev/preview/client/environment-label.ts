/**
 * Preview only: the embedded sandbox answers for Brex, whichever environment the sidebar names,
 * so the sidebar's Environment (the connected fact and the form's choice) says "Sandbox" instead
 * of naming a Brex the preview never reaches.
 */
export function labelEnvironment(document: Document, label: string): void {
  const relabel = () => {
    for (const term of document.querySelectorAll('dt')) {
      const value = term.nextElementSibling;
      if (
        term.textContent === 'Environment' &&
        value?.tagName === 'DD' &&
        value.textContent !== label
      )
        value.textContent = label;
    }
    for (const option of document.querySelectorAll<HTMLOptionElement>('option[value="production"]'))
      if (option.textContent !== label) option.textContent = label;
  };
  new MutationObserver(relabel).observe(document, { childList: true, subtree: true });
}
