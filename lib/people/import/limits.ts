// Checked before anything is decoded or parsed (in the browser too); 5,000 staff with every column fit
// in well under 1 MB.
export const MAX_FILE_BYTES = 1_000_000;
export const MAX_ROWS = 5_000;
