/** The local preview's public surface, for `npm start` (dev/cli.ts serve) and the browser tests. */
export { startPreview, type Preview, type PreviewOptions } from './preview-server';
