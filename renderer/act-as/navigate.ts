import type { ObjectRef } from '../../shared/model/catalog.js';
import { DEFAULT_PANEL, formatRoute, parseRoute } from '../shell/route.js';

/** Opens an object in the explorer on a given tab (grants, policies…), keeping the connection in the URL. */
export function openObjectTab(ref: ObjectRef, tab: string): void {
  location.hash = formatRoute({ ...parseRoute(location.hash), panel: DEFAULT_PANEL, object: ref, tab });
}
