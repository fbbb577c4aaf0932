// One row height for the virtual list: fixed, so the virtualizer never has to measure 100k rows.
export const ROW_HEIGHT = 28;
/** Start fetching the next page when the user is this many rows from the end of what is loaded. */
export const PAGE_AHEAD_ROWS = 100;
