/**
 * What the sidebar does first when a menu item opens it. The server writes it into the page's
 * `<body data-start="…">`; a page opened any other way starts on its overview.
 */
export const SIDEBAR_STARTS = ['overview', 'refresh', 'review'] as const;
export type SidebarStart = (typeof SIDEBAR_STARTS)[number];

export const START_ATTRIBUTE = 'data-start';

export function parseSidebarStart(value: string | null | undefined): SidebarStart {
  return (SIDEBAR_STARTS as readonly string[]).includes(value ?? '')
    ? (value as SidebarStart)
    : 'overview';
}
