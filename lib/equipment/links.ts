// The incident page's address, written here rather than imported so the equipment pages do not depend on
// a file of the incidents branch that may move (lib/incidents/paths.ts has the same shape).
export const incidentPathFor = (slug: string, incidentId: string) => `/s/${encodeURIComponent(slug)}/incidents/${encodeURIComponent(incidentId)}`;
