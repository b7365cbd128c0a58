import { createContext, useContext } from 'react';
import type { PublicConfig } from './publicConfig';

export const PublicConfigContext = createContext<PublicConfig | null>(null);

export function usePublicConfig(): PublicConfig {
  const config = useContext(PublicConfigContext);
  if (!config) {
    throw new Error('usePublicConfig must be used inside <PublicConfigContext.Provider>');
  }
  return config;
}

/** The configured basemap, or null without one — also outside the provider (component tests). */
export function useMapTiles(): NonNullable<PublicConfig['mapTiles']> | null {
  return useContext(PublicConfigContext)?.mapTiles ?? null;
}
