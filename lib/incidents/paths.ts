export const incidentsPath = (schoolSlug: string) => `/s/${encodeURIComponent(schoolSlug)}/incidents`;
export const incidentPath = (schoolSlug: string, incidentId: string) => `${incidentsPath(schoolSlug)}/${encodeURIComponent(incidentId)}`;
export const reportPath = (schoolSlug: string) => `${incidentsPath(schoolSlug)}/new`;
export const breachRegisterPath = (schoolSlug: string) => `${incidentsPath(schoolSlug)}/breaches`;

/** "INC-0042": per school, shown to handlers and the reporter. */
export const incidentReference = (n: number) => `INC-${String(n).padStart(4, "0")}`;
