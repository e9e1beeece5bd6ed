/** Sidebar client: rendered inside the 300-px add-on sidebar. */
import { connectServer, type ScriptHost } from '../contract/server-facade';
import { parseSidebarStart, START_ATTRIBUTE } from '../contract/sidebar-start';
import { Sidebar } from './app';

const root = document.getElementById('app');
if (root) {
  const sidebar = new Sidebar(root, {
    server: connectServer(window as unknown as ScriptHost),
    start: parseSidebarStart(document.body.getAttribute(START_ATTRIBUTE)),
  });
  void sidebar.start();
}
