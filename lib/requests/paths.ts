export const requestsPath = (slug: string) => `/s/${slug}/requests`;
export const requestPath = (slug: string, id: string) => `${requestsPath(slug)}/${id}`;
