// The demo sign-ins (seeded into the browser tests' database by `npm test`), for the specs.
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccountKey } from "../../prisma/seed/people";
