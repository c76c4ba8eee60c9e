/** Languages whose rendered certificate is kept as a PNG snapshot in test/snapshots/. */
export const SNAPSHOT_LANGUAGES = ['hi', 'ta', 'bn', 'ur', 'sat-Olck'] as const;
