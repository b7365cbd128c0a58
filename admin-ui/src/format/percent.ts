/**
 * Shares (the API's fractions: 0.2) entered and shown as percentages (20 %). Rounded off the float noise so a value
 * goes out exactly as it came in: 0.07 × 100 is 7.000000000000001, 7 / 100 is 0.07.
 */
export const shareToPercent = (share: number) => Math.round(share * 100 * 1e6) / 1e6;
export const percentToShare = (percent: number) => Math.round((percent / 100) * 1e8) / 1e8;
/** 0.2 → "20%", 0.575 → "57.5%". */
export const formatShare = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${shareToPercent(share)}%`);
