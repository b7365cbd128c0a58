import type { Config } from '../config/env';
import { tileOrigins } from './terminalApp';

/**
 * The back office's Content-Security-Policy directives (helmet's form): its own origin and Keycloak; evidence shown
 * from presigned S3 URLs (images, audio, video); the case map's MapLibre worker (a file of the build, or a blob:) and
 * the configured basemap's tile hosts. No device permissions, no PUTs to S3: that is the terminal's policy.
 */
export function backOfficeCspDirectives(config: Pick<Config, 'KEYCLOAK_URL' | 'S3_ENDPOINT' | 'mapTiles'>): Record<string, string[] | null> {
  const tiles = tileOrigins(config.mapTiles);
  return {
    'default-src': ["'self'"],
    'connect-src': ["'self'", config.KEYCLOAK_URL, ...tiles],
    'frame-src': ["'self'", config.KEYCLOAK_URL],
    'img-src': ["'self'", 'data:', 'blob:', config.S3_ENDPOINT, ...tiles],
    'media-src': ["'self'", 'blob:', config.S3_ENDPOINT],
    'worker-src': ["'self'", 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'script-src': ["'self'"],
    'upgrade-insecure-requests': null,
  };
}
