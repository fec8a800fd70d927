export const monitoringPath = (schoolSlug: string) => `/s/${encodeURIComponent(schoolSlug)}/monitoring`;
export const authorisationPath = (schoolSlug: string, id: string) => `${monitoringPath(schoolSlug)}/${encodeURIComponent(id)}`;
export const newAuthorisationPath = (schoolSlug: string) => `${monitoringPath(schoolSlug)}/new`;
