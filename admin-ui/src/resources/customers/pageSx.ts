/**
 * Detail pages: their width comes from the layout, never from their content. react-admin's layout sizes itself to
 * fit-content, so a wide table or a row of tabs would otherwise push the page past a portrait tablet's screen; with
 * inline-size containment the tables and tabs scroll sideways inside the page instead.
 */
export const DETAIL_PAGE_SX = { mt: 1, mb: 4, contain: 'inline-size' } as const;
