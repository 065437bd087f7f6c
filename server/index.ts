export {
  startBrowserServer,
  defaultStaticDir,
  type BrowserServerOptions,
  type RunningBrowserServer,
} from './browser-server.js';
export { CONTENT_SECURITY_POLICY } from './security-headers.js';
