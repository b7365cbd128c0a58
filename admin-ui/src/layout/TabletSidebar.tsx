import { useEffect, useRef } from 'react';
import { useMediaQuery, type Theme } from '@mui/material';
import { useSidebarState } from 'react-admin';

/**
 * On a tablet (600–1200 px, a station lead's) the menu starts folded to its icons, leaving the width to the case
 * list's columns; the user may unfold it. A phone has react-admin's own drawer, a desktop room for both.
 */
export function TabletSidebar() {
  const tablet = useMediaQuery((theme: Theme) => theme.breakpoints.between('sm', 'lg'), { noSsr: true });
  const [, setOpen] = useSidebarState();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    if (tablet) setOpen(false);
  }, [tablet, setOpen]);
  return null;
}
