import { useGetIdentity } from 'react-admin';
import type { JichaIdentity } from './tokenClaims';

/** react-admin's identity (from authProvider.getIdentity) with jicha's claims typed. */
export function useJichaIdentity(): JichaIdentity | undefined {
  const { identity } = useGetIdentity();
  return identity as JichaIdentity | undefined;
}
