/**
 * The server functions the sidebar calls through `google.script.run`, typed from the server's
 * own exports: renaming or retyping one in src/server/index.ts breaks the sidebar's build.
 */
import type * as Server from '../server/index';

/** Listed at run time too, so tests can check each is a global of the built bundle. */
export const SIDEBAR_FUNCTION_NAMES = [
  'getConnectionStatus',
  'connect',
  'disconnect',
  'saveWriteCredential',
  'forgetWriteCredential',
  'getSyncSettings',
  'saveSyncSettings',
  'refreshNow',
  'getSyncHealth',
  'getSchedule',
  'setSchedule',
  'takeOverSchedule',
  // The review panel (src/sidebar/review-panel.ts): every action's changes.
  'reviewChanges',
  'pushChanges',
  'discardChanges',
  'resolveConflict',
  'chooseForChange',
  'pendingChangeCount',
] as const;

export type SidebarFunctionName = (typeof SIDEBAR_FUNCTION_NAMES)[number];

export type ServerFunctions = Pick<typeof Server, SidebarFunctionName>;

export type ServerArgs<K extends SidebarFunctionName> = Parameters<ServerFunctions[K]>;
export type ServerResult<K extends SidebarFunctionName> = ReturnType<ServerFunctions[K]>;
