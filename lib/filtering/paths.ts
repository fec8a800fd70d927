const base = (slug: string) => `/s/${encodeURIComponent(slug)}/filtering`;
export const filteringPath = (slug: string) => base(slug);
export const newChangePath = (slug: string) => `${base(slug)}/new`;
export const changePath = (slug: string, changeId: string) => `${base(slug)}/changes/${encodeURIComponent(changeId)}`;
export const checksPath = (slug: string) => `${base(slug)}/checks`;
export const annualReviewPath = (slug: string) => `${base(slug)}/annual-review`;
export const filteringCsvPath = (slug: string) => `${base(slug)}/log.csv`;
